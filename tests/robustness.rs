//! Damaged input never panics: content files, keymaps, themes, config and assessment
//! files are mutated at random (bytes flipped, cut, control characters and stray TOML
//! punctuation inserted) and each reader must answer with a value or diagnostics.

use std::borrow::Cow;
use std::path::Path;

use almanac::content::{ContentSet, load::SourceFile};
use almanac::keymap::{Keymap, Layer};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// One random change to `bytes`.
fn mutate(bytes: &mut Vec<u8>, rng: &mut Rng) {
    const INSERTS: &[&[u8]] = &[
        b"\x1b[2J",
        b"\"",
        b"'''",
        b"[[",
        b"]",
        b"=",
        b"\n",
        b"\xff",
        b"\xe2\x80\xae",
        b"#",
        b"{",
        b"0x",
        b"\\u001b",
    ];
    let at = rng.below(bytes.len() + 1);
    match rng.below(4) {
        0 if !bytes.is_empty() => {
            let i = at.min(bytes.len() - 1);
            bytes[i] ^= 1 << rng.below(8);
        }
        1 => bytes.truncate(at),
        2 => {
            let end = (at + rng.below(40)).min(bytes.len());
            bytes.drain(at..end);
        }
        _ => {
            let insert = INSERTS[rng.below(INSERTS.len())];
            bytes.splice(at..at, insert.iter().copied());
        }
    }
}

fn fixture_set() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good");
    [
        "almanac.toml",
        "glossary.toml",
        "outcomes/01-alpha.toml",
        "outcomes/02-beta.toml",
    ]
    .iter()
    .map(|rel| (rel.to_string(), std::fs::read(root.join(rel)).unwrap()))
    .collect()
}

#[test]
fn damaged_content_is_reported_never_a_panic() {
    let good = fixture_set();
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let mut reported = 0;
    for _ in 0..2000 {
        let mut files = good.clone();
        for _ in 0..=rng.below(3) {
            let f = rng.below(files.len());
            mutate(&mut files[f].1, &mut rng);
        }
        let set = ContentSet {
            root: "fuzz".into(),
            files: files
                .into_iter()
                .map(|(rel, bytes)| SourceFile {
                    path: format!("fuzz/{rel}"),
                    rel,
                    bytes: Cow::Owned(bytes),
                })
                .collect(),
        };
        if let Err(diagnostics) = almanac::content::load(&set, &[]) {
            assert!(!diagnostics.is_empty());
            for d in &diagnostics {
                let text = d.to_string();
                assert!(
                    !text.chars().any(|c| c.is_control()),
                    "raw control character in {text:?}"
                );
            }
            reported += 1;
        }
    }
    assert!(
        reported > 500,
        "the mutations should break most files ({reported})"
    );
}

#[test]
fn damaged_keymaps_themes_configs_and_assessments_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let keymap = almanac::embedded::KEYMAPS
        .iter()
        .find(|(n, _)| *n == "vim.toml")
        .unwrap()
        .1;
    let theme = "base = \"default\"\nmarker = \"* \"\n[selected]\nfg = \"black\"\nbg = \"yellow\"\nmodifiers = [\"bold\"]\n";
    let config =
        "theme = \"monochrome\"\nkeymap = \"vim\"\nmouse = true\noverlay = [\"a\", \"b\"]\n";
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let assessment =
        std::fs::read(root.join("tests/fixtures/assessments/borsetshire-2026.toml")).unwrap();
    for _ in 0..1500 {
        let mut k = keymap.as_bytes().to_vec();
        let mut t = theme.as_bytes().to_vec();
        let mut c = config.as_bytes().to_vec();
        let mut a = assessment.clone();
        for buf in [&mut k, &mut t, &mut c, &mut a] {
            for _ in 0..=rng.below(3) {
                mutate(buf, &mut rng);
            }
        }
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        let layer = Layer {
            path: "k.toml".into(),
            text: text(&k),
        };
        let _ = Keymap::from_layers("vim".into(), &[layer]);
        let _ = almanac::tui::theme::parse_file("fuzz", "t.toml", &text(&t));
        let _ = almanac::config::Config::parse("c.toml", &text(&c), Path::new("/tmp"));
        if let Err(d) = almanac::assess::file::parse("a.toml", &a) {
            assert!(!d.to_string().chars().any(|ch| ch.is_control()));
        }
    }
}
