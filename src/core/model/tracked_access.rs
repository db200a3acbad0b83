//! The access types of `tracked`'s reader: an array's elements, an
//! object's entries and an enum's variant, each read at its own place.

use super::{invalid_type, At, Error, Reader};
use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, Unexpected, Visitor};
use serde_json::Value;

/// An array's elements, each read at its index.
pub(super) struct Seq<'a, 'de> {
    pub(super) items: std::slice::Iter<'de, Value>,
    pub(super) index: usize,
    pub(super) at: &'a At<'a>,
}

impl<'de> de::SeqAccess<'de> for Seq<'_, 'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let Some(value) = self.items.next() else {
            return Ok(None);
        };
        let at = At::Index(self.at, self.index);
        self.index += 1;
        seed.deserialize(Reader { value, at: &at })
            .map(Some)
            .map_err(|e| e.at(&at))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// An object's entries, each value read at its key.
pub(super) struct Entries<'a, 'de> {
    pub(super) entries: serde_json::map::Iter<'de>,
    pub(super) value: Option<(&'de str, &'de Value)>,
    pub(super) at: &'a At<'a>,
}

impl<'de> de::MapAccess<'de> for Entries<'_, 'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some((key, value));
        let de = de::value::BorrowedStrDeserializer::<Error>::new(key);
        seed.deserialize(de)
            .map(Some)
            .map_err(|e| e.at(&At::Key(self.at, key)))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let Some((key, value)) = self.value.take() else {
            return Err(de::Error::custom(
                "a map value was asked for before its key",
            ));
        };
        let at = At::Key(self.at, key);
        seed.deserialize(Reader { value, at: &at })
            .map_err(|e| e.at(&at))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// An enum: its variant's name, and the variant's content when the value
/// is an object of one key (read at the variant's name, as a key).
pub(super) struct Variant<'a, 'de> {
    pub(super) name: &'de str,
    pub(super) value: Option<&'de Value>,
    pub(super) at: &'a At<'a>,
}

impl<'a, 'de> de::EnumAccess<'de> for Variant<'a, 'de> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), Error> {
        let de = de::value::BorrowedStrDeserializer::<Error>::new(self.name);
        Ok((seed.deserialize(de)?, self))
    }
}

impl<'a, 'de> Variant<'a, 'de> {
    /// Reads the content (if any) at the variant's name.
    fn content<T>(
        self,
        what: &'static str,
        read: impl FnOnce(Reader<'_, 'de>) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let at = At::Key(self.at, self.name);
        match self.value {
            Some(value) => read(Reader { value, at: &at }),
            None => Err(de::Error::invalid_type(Unexpected::UnitVariant, &what)),
        }
        .map_err(|e| e.at(&at))
    }
}

impl<'a, 'de> de::VariantAccess<'de> for Variant<'a, 'de> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        match self.value {
            None => Ok(()),
            Some(_) => self.content("unit variant", |r| <()>::deserialize(r)),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        self.content("newtype variant", |r| seed.deserialize(r))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        self.content("tuple variant", |r| match r.value {
            Value::Array(a) if a.is_empty() => visitor.visit_unit(),
            Value::Array(_) => r.deserialize_any(visitor),
            other => Err(invalid_type(other, &"tuple variant")),
        })
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.content("struct variant", |r| match r.value {
            Value::Object(map) => r.visit_object(map, visitor),
            other => Err(invalid_type(other, &"struct variant")),
        })
    }
}
