//! The benchmark fixture generator writes content that loads, validates and searches,
//! so the 10,000-item benchmark cannot silently measure an empty or broken set.

#[path = "../benches/support/generate.rs"]
mod generate;

use almanac::content::{Almanac, ContentSet, Kind, load};
use almanac::search::{Index, Query};

#[test]
fn generated_content_loads_and_is_searchable() {
    let bundled = Almanac::bundled().expect("bundled content loads");
    let dir = tempfile::tempdir().unwrap();
    let written = generate::generate(&bundled, dir.path(), 600).expect("fixture written");
    assert!((560..=640).contains(&written), "{written} items");

    let set = ContentSet::read_dir(dir.path()).expect("folder read");
    let a = load(&set, &[]).unwrap_or_else(|d| panic!("generated content is invalid: {d:?}"));
    assert_eq!(a.outcomes.len(), 12);
    assert_eq!(a.all_items().len(), written);
    for kind in Kind::ALL {
        assert!(
            a.all_items().iter().any(|r| r.kind() == kind),
            "no {kind:?}"
        );
    }

    let index = Index::new(&a);
    assert_eq!(index.len(), written);
    let r = index.search(&Query::parse("council"), 10);
    assert!(
        r.matched > written / 10,
        "borrowed sentences make common words common: {}",
        r.matched
    );
}
