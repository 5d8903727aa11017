//! Case and diacritic folding, so "resume" finds "Résumé" and "ŵyr" finds "wyr".
//!
//! Both the query and every searchable text are folded the same way, one character at a
//! time, so a folded text is the concatenation of its folded characters. That lets the
//! index fold without bookkeeping and fold again, with a map back to grapheme clusters,
//! only for the few results that are shown.

use unicode_normalization::char::{canonical_combining_class, decompose_canonical};
use unicode_segmentation::UnicodeSegmentation;

/// Appends the folded form of `c` to `out`: canonical decomposition, accents dropped,
/// lowercased, and a few letters and punctuation marks that do not decompose mapped to
/// what people type on a UK keyboard.
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    let replacement = match c {
        'ß' | 'ẞ' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ø' | 'Ø' => "o",
        'ł' | 'Ł' => "l",
        'đ' | 'Đ' => "d",
        'ı' => "i",
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' => "'",
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{2033}' => "\"",
        '\u{2010}'..='\u{2015}' | '\u{2212}' => "-",
        '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' => " ",
        _ => "",
    };
    if !replacement.is_empty() {
        out.push_str(replacement);
        return;
    }
    decompose_canonical(c, |d| {
        if canonical_combining_class(d) != 0 {
            return;
        }
        for l in d.to_lowercase() {
            if canonical_combining_class(l) == 0 {
                out.push(l);
            }
        }
    });
}

/// The folded form of `s`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// Folds `s` onto the end of `out`. Runs of ASCII, most of any English text, are
/// lowercased in bulk.
pub fn fold_into(s: &str, out: &mut String) {
    let mut rest = s;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let start = out.len();
        out.push_str(&rest[..ascii]);
        out[start..].make_ascii_lowercase();
        rest = &rest[ascii..];
        if let Some(c) = rest.chars().next() {
            fold_char(c, out);
            rest = &rest[c.len_utf8()..];
        }
    }
}

/// A folded text with, for every byte of it, the index of the grapheme cluster of the
/// original text it came from. Highlights are found in the folded text and drawn on the
/// original one.
#[derive(Debug, Clone)]
pub struct Mapped {
    pub folded: String,
    /// `grapheme[b]` is the original grapheme index of folded byte `b`.
    pub grapheme: Vec<u32>,
}

impl Mapped {
    pub fn new(s: &str) -> Mapped {
        if s.is_ascii() && !s.contains('\r') {
            // Every byte is a grapheme of its own (only "\r\n" joins two).
            return Mapped {
                folded: s.to_ascii_lowercase(),
                grapheme: (0..s.len() as u32).collect(),
            };
        }
        let mut folded = String::with_capacity(s.len());
        let mut grapheme = Vec::with_capacity(s.len());
        for (g, cluster) in s.graphemes(true).enumerate() {
            for c in cluster.chars() {
                fold_char(c, &mut folded);
            }
            grapheme.resize(folded.len(), g as u32);
        }
        Mapped { folded, grapheme }
    }

    /// Original grapheme indices covered by the folded byte range, in order, without repeats.
    pub fn graphemes_of(&self, start: usize, end: usize, out: &mut Vec<usize>) {
        for &g in &self.grapheme[start.min(self.grapheme.len())..end.min(self.grapheme.len())] {
            let g = g as usize;
            if out.last() != Some(&g) {
                out.push(g);
            }
        }
    }
}

/// The grapheme clusters of `s`, quickly for plain ASCII.
pub fn graphemes(s: &str) -> Vec<&str> {
    if s.is_ascii() && !s.contains('\r') {
        return (0..s.len()).map(|i| &s[i..i + 1]).collect();
    }
    s.graphemes(true).collect()
}

/// A 64-bit summary of the characters in a folded text: if a text lacks a character of
/// a term, the term cannot match it, fuzzily or otherwise.
pub fn char_mask(folded: &str) -> u64 {
    folded.chars().fold(0, |m, c| m | char_bit(c))
}

fn char_bit(c: char) -> u64 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
        _ => 1 << (36 + c as u32 % 28),
    }
}

/// A bit standing for how a fuzzy run of two or more characters can open: the first
/// two characters of `s`, hashed into 128. A text's [`run_starts`] holds the bits of
/// every place such a run may start there.
pub fn run_start_bit(s: &str) -> u128 {
    let mut chars = s.chars();
    let a = chars.next().map_or(0, u32::from);
    let b = chars.next().map_or(0, u32::from);
    1 << (a.wrapping_mul(31).wrapping_add(b).wrapping_mul(0x9e37_79b9) >> 25)
}

/// Whether a fuzzy run may start at a character: at a word beginning or a separator,
/// but not at whitespace, which never occurs in a term.
pub fn opens_run(c: char, prev: Option<char>) -> bool {
    if is_word_char(c) {
        prev.is_none_or(|p| !is_word_char(p))
    } else {
        !c.is_whitespace()
    }
}

/// [`run_start_bit`] of every place a run may start in a folded text.
pub fn run_starts(folded: &str) -> u128 {
    let mut mask = 0;
    let mut prev = None;
    for (i, c) in folded.char_indices() {
        if opens_run(c, prev) {
            mask |= run_start_bit(&folded[i..]);
        }
        prev = Some(c);
    }
    mask
}

/// True for characters that make up words (letters and digits in any script).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Whether a match at `start..end` of `text` begins a word and whether it ends one.
pub fn boundaries(text: &str, start: usize, end: usize) -> (bool, bool) {
    let starts = text[..start]
        .chars()
        .next_back()
        .is_none_or(|c| !is_word_char(c));
    let ends = text[end..].chars().next().is_none_or(|c| !is_word_char(c));
    (starts, ends)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_accents() {
        assert_eq!(fold("Résumé"), "resume");
        assert_eq!(fold("CYMRAEG ŵ ŷ Â"), "cymraeg w y a");
        assert_eq!(fold("Straße Œuvre"), "strasse oeuvre");
        assert_eq!(
            fold("council\u{2019}s \u{201c}hub\u{201d} \u{2013}"),
            "council's \"hub\" -"
        );
        // Decomposed input folds like composed input.
        assert_eq!(fold("Re\u{301}sume\u{301}"), fold("Résumé"));
        assert_eq!(fold("東京"), "東京");
    }

    #[test]
    fn fold_is_per_character() {
        let s = "Ŵyr Caerdydd — Ærø İstanbul";
        let whole = fold(s);
        let mut pieces = String::new();
        for c in s.chars() {
            fold_char(c, &mut pieces);
        }
        assert_eq!(whole, pieces);
        assert_eq!(Mapped::new(s).folded, whole);
    }

    #[test]
    fn maps_bytes_to_graphemes() {
        // "e" + combining acute is one grapheme; "ß" folds to two bytes of one grapheme.
        let m = Mapped::new("Re\u{301}ß!");
        assert_eq!(m.folded, "ress!");
        assert_eq!(m.grapheme, vec![0, 1, 2, 2, 3]);
        let mut out = Vec::new();
        m.graphemes_of(1, 4, &mut out);
        assert_eq!(out, vec![1, 2]);
        let ascii = Mapped::new("Hi, Bob");
        assert_eq!(ascii.folded, "hi, bob");
        assert_eq!(ascii.grapheme, (0..7).collect::<Vec<u32>>());
        assert_eq!(graphemes("a\r\nb"), vec!["a", "\r\n", "b"]);
        assert_eq!(graphemes("ab"), vec!["a", "b"]);
    }

    #[test]
    fn masks_are_subsets_when_letters_are() {
        let text = char_mask("security-offline-backups");
        let term = char_mask("secoff");
        assert_eq!(text & term, term);
        let other = char_mask("zebra");
        assert_ne!(text & other, other);
        assert_eq!(char_mask("東京") & char_mask("東"), char_mask("東"));
    }

    #[test]
    fn run_starts_hold_every_word_opening() {
        let m = run_starts("security-offline backups");
        for opening in ["se", "-o", "of", "ba"] {
            assert_ne!(m & run_start_bit(opening), 0, "{opening}");
        }
        assert_eq!(run_start_bit("secoff"), run_start_bit("se"));
    }

    #[test]
    fn word_boundaries() {
        assert_eq!(boundaries("full fibre", 5, 10), (true, true));
        assert_eq!(boundaries("backups", 0, 6), (true, false));
        assert_eq!(boundaries("offline-backups", 8, 15), (true, true));
        assert_eq!(boundaries("ransomware", 6, 10), (false, true));
    }
}
