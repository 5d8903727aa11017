//! Where the terms matched, in grapheme clusters of the original text, and one-line
//! snippets around a hit in a long field. Only done for the results that are shown.

use fuzzy_matcher::skim::SkimMatcherV2;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::fold::{Mapped, boundaries};
use super::score::{self, Fuzzy, Prepared};

/// A line of text around a hit, with the graphemes to highlight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// One line, whitespace collapsed, `…` where it was cut.
    pub text: String,
    /// Grapheme cluster indices into `text`.
    pub matches: Vec<usize>,
}

/// Folded byte ranges where `t` matches `folded`: every occurrence, else every
/// corrected word, else (for short fields) the fuzzy positions.
fn term_ranges(
    folded: &str,
    t: &Prepared,
    fuzzy: Option<&SkimMatcherV2>,
    out: &mut Vec<(usize, usize)>,
) {
    let before = out.len();
    out.extend(
        folded
            .match_indices(t.text.as_str())
            .map(|(p, m)| (p, p + m.len())),
    );
    if out.len() > before {
        return;
    }
    for c in &t.corrections {
        for (p, m) in folded.match_indices(c.prefix.as_str()) {
            if boundaries(folded, p, p + m.len()).0 {
                out.push((p, p + m.len()));
            }
        }
    }
    if out.len() > before || t.exact {
        return;
    }
    if t.chars < 2 {
        return;
    }
    if let Some(Fuzzy::Good(_, positions)) = fuzzy.map(|m| score::fuzzy(m, folded, &t.text)) {
        let starts: Vec<(usize, char)> = folded.char_indices().collect();
        for p in positions {
            if let Some(&(b, c)) = starts.get(p) {
                out.push((b, b + c.len_utf8()));
            }
        }
    }
}

/// Grapheme indices of `text` matched by any of `terms`, sorted.
pub(crate) fn positions(
    text: &str,
    terms: &[Prepared],
    fuzzy: Option<&SkimMatcherV2>,
) -> Vec<usize> {
    let mapped = Mapped::new(text);
    let mut ranges = Vec::new();
    for t in terms {
        term_ranges(&mapped.folded, t, fuzzy, &mut ranges);
    }
    to_graphemes(&mapped, &ranges)
}

fn to_graphemes(mapped: &Mapped, ranges: &[(usize, usize)]) -> Vec<usize> {
    let mut out = Vec::new();
    for &(s, e) in ranges {
        mapped.graphemes_of(s, e, &mut out);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Display columns a snippet aims for.
pub const SNIPPET_WIDTH: usize = 100;
/// Columns of context kept before the hit, when the text has to be cut.
const LEAD: usize = 30;
/// How far a cut moves to land on a space instead of inside a word.
const SNAP: usize = 15;

/// A one-line snippet of `text` around the first hit of `terms[anchor]`, highlighting
/// every term.
pub(crate) fn snippet(
    text: &str,
    terms: &[Prepared],
    anchor: usize,
    fuzzy: Option<&SkimMatcherV2>,
) -> Snippet {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mapped = Mapped::new(&line);
    let mut ranges = Vec::new();
    let mut first = None;
    for (i, t) in terms.iter().enumerate() {
        let before = ranges.len();
        term_ranges(&mapped.folded, t, fuzzy, &mut ranges);
        if i == anchor {
            first = ranges[before..].iter().map(|r| r.0).min();
        }
    }
    let hits = to_graphemes(&mapped, &ranges);
    let graphemes: Vec<&str> = line.graphemes(true).collect();
    let widths: Vec<usize> = graphemes.iter().map(|g| g.width()).collect();
    let total: usize = widths.iter().sum();
    let anchor_g = first
        .and_then(|b| mapped.grapheme.get(b))
        .map_or(0, |&g| g as usize);

    let (start, end) = if total <= SNIPPET_WIDTH {
        (0, graphemes.len())
    } else {
        window(&graphemes, &widths, anchor_g)
    };
    let mut out = String::new();
    let lead = usize::from(start > 0);
    if start > 0 {
        out.push('…');
    }
    out.push_str(graphemes[start..end].concat().trim_end());
    if end < graphemes.len() {
        out.push('…');
    }
    let matches = hits
        .into_iter()
        .filter(|&g| g >= start && g < end)
        .map(|g| g - start + lead)
        .collect();
    Snippet { text: out, matches }
}

/// Grapheme range of about [`SNIPPET_WIDTH`] columns with the anchor near its start,
/// cut at spaces where one is close.
fn window(graphemes: &[&str], widths: &[usize], anchor: usize) -> (usize, usize) {
    // Walk back from the anchor for the lead-in, then snap forward to a word start.
    let mut start = anchor;
    let mut used = 0;
    while start > 0 && used + widths[start - 1] <= LEAD {
        start -= 1;
        used += widths[start];
    }
    if start > 0
        && let Some(k) = (start..anchor.min(start + SNAP)).find(|&k| graphemes[k] == " ")
    {
        start = k + 1;
    }
    // The ellipses take a column each.
    let budget = SNIPPET_WIDTH - usize::from(start > 0) - 1;
    let mut end = start;
    let mut used = 0;
    while end < graphemes.len() && used + widths[end] <= budget {
        used += widths[end];
        end += 1;
    }
    if end < graphemes.len() {
        let floor = end.saturating_sub(SNAP).max(anchor + 1);
        if let Some(k) = (floor..end).rev().find(|&k| graphemes[k] == " ") {
            end = k;
        }
    } else {
        // The hit is near the end: use the room for more context before it.
        while start > 0 && used + widths[start - 1] <= budget {
            start -= 1;
            used += widths[start];
        }
        if start > 0
            && let Some(k) = (start..(start + SNAP).min(anchor)).find(|&k| graphemes[k] == " ")
        {
            start = k + 1;
        }
    }
    (start, end)
}
