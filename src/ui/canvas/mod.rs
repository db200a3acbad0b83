//! The canvas and everything it draws and answers to, one concept a file:
//!
//! - [`component`]: the `Canvas` component: its memos, its view.
//! - [`stage`]: the state the gestures share (camera, gesture under way).
//! - [`pointer`]: press, move and release, dispatched to the gesture files:
//!   [`pan`], [`drag_move`] (moving shapes), [`band`] (box select),
//!   [`link_draw`] (drawing a link), [`palette_drop`] (palette items).
//! - [`gesture`]: the gesture state machine and the drag layer.
//! - [`keys`]: the keys the canvas answers to while focused (walking the
//!   shapes in reading order, select all, zoom to the selection).
//! - [`menu`], [`find`], [`minimap`], [`clipboard`], [`zoom`]: the context
//!   menu, the find box, the overview, copy and paste, zooming to objects.
//! - [`scene`], [`shape`], [`links`], [`overlay`], [`icons`], [`legend`]:
//!   what is drawn.
//! - [`fail`]: failing a region or an AZ from the canvas, and how a
//!   failure is drawn.
//! - [`routing`]: searching links' routes after the frame that shows an
//!   edit, a slice at a time.

mod band;
mod clipboard;
mod component;
mod drag_move;
mod fail;
mod find;
mod gesture;
pub(crate) mod icons;
mod keys;
mod legend;
mod link_draw;
mod links;
mod menu;
mod minimap;
mod overlay;
mod overview;
mod palette_drop;
mod pan;
mod pointer;
mod routing;
mod scene;
mod shape;
mod stage;
mod zoom;

pub use component::{Canvas, PaletteDrag};
