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

/// Folds `s` onto the end of `out`.
pub fn fold_into(s: &str, out: &mut String) {
    if s.is_ascii() {
        out.extend(s.bytes().map(|b| b.to_ascii_lowercase() as char));
        return;
    }
    for c in s.chars() {
        fold_char(c, out);
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
    }

    #[test]
    fn word_boundaries() {
        assert_eq!(boundaries("full fibre", 5, 10), (true, true));
        assert_eq!(boundaries("backups", 0, 6), (true, false));
        assert_eq!(boundaries("offline-backups", 8, 15), (true, true));
        assert_eq!(boundaries("ransomware", 6, 10), (false, true));
    }
}
