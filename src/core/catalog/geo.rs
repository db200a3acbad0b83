//! Route 53 geolocation codes (constraint catalog §A.4) and health-checker facts.

/// Continent codes Route 53 accepts.
pub const CONTINENTS: &[&str] = &["AF", "AN", "AS", "EU", "OC", "NA", "SA"];

/// ISO 3166-1 alpha-2 country codes.
const COUNTRIES: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS \
BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK \
FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM \
JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS \
MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW \
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM \
US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

/// US state codes (plus DC), the only subdivisions Route 53 supports.
const US_STATES: &str = "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY \
NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC";

/// Every country code, for pickers (the default location `*` not included).
pub fn countries() -> impl Iterator<Item = &'static str> {
    COUNTRIES.split_ascii_whitespace()
}

/// Every US state code Route 53 accepts as a subdivision, for pickers.
pub fn us_states() -> impl Iterator<Item = &'static str> {
    US_STATES.split_ascii_whitespace()
}

/// True for a country code Route 53 accepts (`*` is the default location).
pub fn is_country(code: &str) -> bool {
    code == "*" || (code.len() == 2 && COUNTRIES.split_ascii_whitespace().any(|c| c == code))
}

/// True for a continent code Route 53 accepts.
pub fn is_continent(code: &str) -> bool {
    CONTINENTS.contains(&code)
}

/// True for a US subdivision code Route 53 accepts.
pub fn is_us_state(code: &str) -> bool {
    code.len() == 2 && US_STATES.split_ascii_whitespace().any(|c| c == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert_eq!(COUNTRIES.split_ascii_whitespace().count(), 249);
        assert!(is_country("DE") && is_country("*") && !is_country("XX") && !is_country("de"));
        assert!(is_continent("EU") && !is_continent("XX"));
        assert!(is_us_state("WA") && !is_us_state("ZZ"));
    }
}
