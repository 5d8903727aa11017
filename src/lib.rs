//! almanac: a terminal almanac for council digitalisation.
//!
//! Domain modules (`content`, and later search and assessment) hold no terminal code;
//! `cli` serves scripts and `tui` is a thin layer over the same library.

pub mod assess;
pub mod cli;
pub mod config;
pub mod content;
pub mod keymap;
pub mod paths;
pub mod search;
pub mod tui;

/// Files compiled into the binary by `build.rs`: `CONTENT` and `KEYMAPS`, as (relative path, text).
pub mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}
