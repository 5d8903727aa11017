//! Where the terms matched, in grapheme clusters of the original text, and one-line
//! snippets around a hit in a long field. Only done for the results that are shown.

use fuzzy_matcher::skim::SkimMatcherV2;
use unicode_width::UnicodeWidthStr;

use super::fold::{self, Mapped, boundaries, fold_char};
use super::score::{self, Fuzzy, Prepared};

/// A line of text around a hit, with the graphemes to highlight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// One line, whitespace collapsed, `…` where it was cut.
    pub text: String,
    /// Grapheme cluster indices into `text`.
    pub matches: Vec<usize>,
}

/// How a term may be highlighted in one item: as written only, or also loosely
/// (corrected words, fuzzy word beginnings) when it does not occur as written in the
/// item at all, as in scoring.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Mark<'a> {
    pub term: &'a Prepared,
    pub loose: bool,
}

/// Folded byte ranges where a term matches `folded`: every occurrence, else every
/// corrected word, else (for short fields) the fuzzy positions.
fn term_ranges(
    folded: &str,
    mark: Mark<'_>,
    fuzzy: Option<&SkimMatcherV2>,
    out: &mut Vec<(usize, usize)>,
) {
    let t = mark.term;
    let before = out.len();
    out.extend(
        t.finder
            .find_iter(folded.as_bytes())
            .map(|p| (p, p + t.text.len())),
    );
    if out.len() > before || !mark.loose {
        return;
    }
    for c in &t.corrections {
        for (p, m) in folded.match_indices(c.prefix.as_str()) {
            if boundaries(folded, p, p + m.len()).0 {
                out.push((p, p + m.len()));
            }
        }
    }
    if out.len() > before || !t.fuzzy {
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

/// Grapheme indices of `text` matched by any of the terms, sorted.
pub(crate) fn positions(
    text: &str,
    marks: &[Mark<'_>],
    fuzzy: Option<&SkimMatcherV2>,
) -> Vec<usize> {
    let mapped = Mapped::new(text);
    let mut ranges = Vec::new();
    for &m in marks {
        term_ranges(&mapped.folded, m, fuzzy, &mut ranges);
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

/// A one-line snippet of `text` (whose folded form is `folded`) around the first hit
/// of `marks[anchor]`, highlighting every term.
pub(crate) fn snippet(
    text: &str,
    folded: &str,
    marks: &[Mark<'_>],
    anchor: usize,
    fuzzy: Option<&SkimMatcherV2>,
) -> Snippet {
    let (piece, cut_before, cut_after) = stretch(text, folded, marks[anchor]);
    let line = piece.split_whitespace().collect::<Vec<_>>().join(" ");
    let mapped = Mapped::new(&line);
    let mut ranges = Vec::new();
    let mut first = None;
    for (i, &m) in marks.iter().enumerate() {
        let before = ranges.len();
        term_ranges(&mapped.folded, m, fuzzy, &mut ranges);
        if i == anchor {
            first = ranges[before..].iter().map(|r| r.0).min();
        }
    }
    let hits = to_graphemes(&mapped, &ranges);
    let graphemes = fold::graphemes(&line);
    let widths: Vec<usize> = graphemes.iter().map(|g| g.width()).collect();
    let total: usize = widths.iter().sum();
    let anchor_g = first
        .and_then(|b| mapped.grapheme.get(b))
        .map_or(0, |&g| g as usize);

    let ellipses = usize::from(cut_before) + usize::from(cut_after);
    let (start, end) = if total + ellipses <= SNIPPET_WIDTH {
        (0, graphemes.len())
    } else {
        window(&graphemes, &widths, anchor_g, cut_before)
    };
    let mut out = String::new();
    let lead = start > 0 || cut_before;
    if lead {
        out.push('…');
    }
    out.push_str(graphemes[start..end].concat().trim_end());
    if end < graphemes.len() || cut_after {
        out.push('…');
    }
    let matches = hits
        .into_iter()
        .filter(|&g| g >= start && g < end)
        .map(|g| g - start + usize::from(lead))
        .collect();
    Snippet { text: out, matches }
}

/// Bytes of a long text kept before and after the hit: far more than a snippet shows,
/// so cutting the text first spares the grapheme work on the rest of a long body.
const STRETCH_BEFORE: usize = 200;
const STRETCH_AFTER: usize = 400;

/// The part of `text` worth making a snippet from, and whether text was cut off before
/// and after it.
fn stretch<'a>(text: &'a str, folded: &str, mark: Mark<'_>) -> (&'a str, bool, bool) {
    if text.len() <= STRETCH_BEFORE + STRETCH_AFTER {
        return (text, false, false);
    }
    let t = mark.term;
    let hit = t.finder.find(folded.as_bytes()).or_else(|| {
        t.corrections
            .iter()
            .filter_map(|c| {
                folded
                    .match_indices(c.prefix.as_str())
                    .map(|(p, _)| p)
                    .find(|&p| boundaries(folded, p, p + c.prefix.len()).0)
            })
            .min()
    });
    let at = hit.map_or(0, |h| original_offset(text, h));
    let mut start = at.saturating_sub(STRETCH_BEFORE);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    if start > 0
        && let Some((i, c)) = text[start..at]
            .char_indices()
            .find(|(_, c)| c.is_whitespace())
    {
        start += i + c.len_utf8();
    }
    let mut end = (at + STRETCH_AFTER).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    if end < text.len()
        && let Some(i) = text[at..end].rfind(char::is_whitespace)
    {
        end = at + i;
    }
    (&text[start..end], start > 0, end < text.len())
}

/// Byte offset in `text` of the character whose folded form starts at `folded_at`.
fn original_offset(text: &str, folded_at: usize) -> usize {
    if text.is_ascii() {
        return folded_at.min(text.len());
    }
    let mut folded_len = 0;
    let mut buf = String::new();
    for (i, c) in text.char_indices() {
        if folded_len >= folded_at {
            return i;
        }
        buf.clear();
        fold_char(c, &mut buf);
        folded_len += buf.len();
    }
    text.len()
}

/// Grapheme range of about [`SNIPPET_WIDTH`] columns with the anchor near its start,
/// cut at spaces where one is close.
fn window(graphemes: &[&str], widths: &[usize], anchor: usize, cut_before: bool) -> (usize, usize) {
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
    let budget = SNIPPET_WIDTH - usize::from(start > 0 || cut_before) - 1;
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
