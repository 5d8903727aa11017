//! Keymaps: which keys trigger which [`Action`] in which [`Context`].
pub mod action;
pub use action::{Action, Context};
