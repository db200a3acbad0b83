//! An exercise's Markdown as elements: `core::markdown` reads it into
//! blocks of text spans and each span becomes a text node. Never
//! `inner_html`, so HTML in a brief or hint shows as text; links are
//! `http(s)` only (the reader drops any other) and open in a new tab.

use crate::core::markdown::{parse, Block, Span};
use leptos::prelude::*;

/// The rendered Markdown of `text`.
pub fn markdown(text: &str) -> AnyView {
    parse(text)
        .into_iter()
        .map(|b| match b {
            Block::Heading(1, s) => view! { <h3>{spans(s)}</h3> }.into_any(),
            Block::Heading(2, s) => view! { <h4>{spans(s)}</h4> }.into_any(),
            Block::Heading(_, s) => view! { <h5>{spans(s)}</h5> }.into_any(),
            Block::Paragraph(s) => view! { <p>{spans(s)}</p> }.into_any(),
            Block::List(true, items) => view! { <ol>{items.into_iter().map(|i| view! { <li>{spans(i)}</li> }).collect_view()}</ol> }.into_any(),
            Block::List(false, items) => view! { <ul>{items.into_iter().map(|i| view! { <li>{spans(i)}</li> }).collect_view()}</ul> }.into_any(),
        })
        .collect_view()
        .into_any()
}

fn spans(list: Vec<Span>) -> AnyView {
    list.into_iter()
        .map(|s| match s {
            Span::Text(t) => t.into_any(),
            Span::Emphasis(t) => view! { <em>{t}</em> }.into_any(),
            Span::Strong(t) => view! { <strong>{t}</strong> }.into_any(),
            Span::Code(t) => view! { <code>{t}</code> }.into_any(),
            Span::Link(t, url) => {
                view! { <a href=url target="_blank" rel="noopener noreferrer">{t}</a> }.into_any()
            }
        })
        .collect_view()
        .into_any()
}
