//! Does search put the right thing first? Queries a council officer or councillor would
//! type into the bundled almanac, typos included, each with what a person would call a
//! right answer: one of a few items, or anything from one outcome area, in the top three.

use almanac::content::Almanac;
use almanac::search::{Index, Query};

/// What counts as a right answer for one query.
struct Case {
    query: &'static str,
    /// Any of these ids...
    ids: &'static [&'static str],
    /// ...or any item of this outcome.
    outcome: Option<&'static str>,
}

const fn ids(query: &'static str, ids: &'static [&'static str]) -> Case {
    Case {
        query,
        ids,
        outcome: None,
    }
}

const fn outcome(query: &'static str, outcome: &'static str) -> Case {
    Case {
        query,
        ids: &[],
        outcome: Some(outcome),
    }
}

const CASES: &[Case] = &[
    // Typos.
    ids(
        "ransomeware",
        &[
            "term-ransomware",
            "security-redcar-2020",
            "security-hackney-2020",
        ],
    ),
    ids(
        "accesibility",
        &["term-accessibility", "inclusion-accessible-by-default"],
    ),
    ids(
        "hybird meetings",
        &[
            "term-hybrid-meetings",
            "democracy-hybrid-fragility",
            "democracy-hybrid-protocol",
        ],
    ),
    // Plurals and everyday words.
    ids(
        "backups",
        &["security-offline-backups", "security-hackney-2020"],
    ),
    ids(
        "backup",
        &[
            "term-immutable-backup",
            "security-offline-backups",
            "security-hackney-2020",
        ],
    ),
    ids(
        "digital exclusion",
        &["term-digital-exclusion", "inclusion-map-exclusion"],
    ),
    ids(
        "digital inclusion",
        &["term-digital-inclusion", "inclusion"],
    ),
    ids("full fibre", &["term-full-fibre", "connectivity-gm-lffn"]),
    ids(
        "telecare switchover",
        &[
            "economy-pstn-telecare",
            "term-pstn-switchover",
            "economy-telecare-register",
        ],
    ),
    ids(
        "analogue switch off",
        &[
            "economy-pstn-telecare",
            "connectivity-analogue-inventory",
            "term-pstn-switchover",
        ],
    ),
    ids(
        "data sharing",
        &["data-sharing-routine", "term-data-sharing-agreement"],
    ),
    ids(
        "hybrid meetings",
        &[
            "term-hybrid-meetings",
            "democracy-hybrid-fragility",
            "democracy-hybrid-protocol",
        ],
    ),
    ids(
        "business case",
        &["term-business-case", "value-five-case-model"],
    ),
    ids(
        "councillor training",
        &["democracy-lga-councillor-training"],
    ),
    ids(
        "skills gap",
        &[
            "security-skills-gap",
            "capability-q1",
            "capability-skills-baseline",
        ],
    ),
    ids(
        "accessibility regulations",
        &["term-accessibility", "inclusion-accessible-by-default"],
    ),
    ids(
        "cyber assessment framework",
        &["term-caf", "security-r1", "security-caf-governance"],
    ),
    ids("generative ai", &["ethics-generative-ai-rules"]),
    ids(
        "equality impact assessment",
        &[
            "ethics-eqia-early",
            "ethics-eqia-after-the-fact",
            "term-equality-impact-assessment",
        ],
    ),
    ids(
        "carbon footprint",
        &[
            "ethics-digital-carbon-baseline",
            "ethics-carbon-invisible",
            "ethics-q4",
        ],
    ),
    ids(
        "single sign on",
        &[
            "term-single-sign-on",
            "services-one-account",
            "services-hammersmith-fulham-sso",
        ],
    ),
    ids(
        "switch off old systems",
        &["value-decommission", "value-q4", "value-cq2"],
    ),
    ids(
        "device lending",
        &["term-device-lending", "inclusion-devices-and-data"],
    ),
    ids(
        "channel shift",
        &[
            "term-channel-shift",
            "value-lga-channel-shift",
            "services-channel-shift-scarborough-rochdale",
        ],
    ),
    ids("patching", &["security-patching-legacy", "security-q4"]),
    ids(
        "incident response plan",
        &[
            "security-incident-playbook",
            "security-q2",
            "term-incident-response",
        ],
    ),
    ids(
        "benefits realisation",
        &["term-benefits-realisation", "value-benefits-register"],
    ),
    ids(
        "dormant accounts",
        &["security-identity-hygiene", "security-hackney-2020"],
    ),
    // Acronyms and names.
    ids("SIRO", &["term-siro"]),
    ids("UPRN", &["term-uprn", "data-uprn-spine"]),
    ids("DPIA", &["term-dpia"]),
    ids(
        "LocalGov Drupal",
        &["partnership-localgov-drupal", "term-localgov-drupal"],
    ),
    ids("Hackney", &["security-hackney-2020"]),
    ids("Redcar", &["security-redcar-2020"]),
    ids("Welsh language", &["term-welsh-language-standards"]),
    // Broad topics, where any item of the right outcome will do.
    outcome("webcasting", "democracy"),
    outcome("apprenticeships", "capability"),
    outcome("buy jointly with other councils", "partnership"),
    outcome("mobile coverage", "connectivity"),
    outcome("algorithm register", "ethics"),
    // Scoped queries.
    ids(
        "@case ransomware",
        &["security-redcar-2020", "security-hackney-2020"],
    ),
    ids("#10 backups", &["security-offline-backups"]),
    ids("@glossary sharing", &["term-data-sharing-agreement"]),
];

#[test]
fn expected_items_are_in_the_top_three() {
    let a = Almanac::bundled().expect("bundled content loads");
    let index = Index::new(&a);
    let mut failures = Vec::new();
    for case in CASES {
        let results = index.search(&Query::parse(case.query), 3);
        let right = results.hits.iter().any(|h| {
            case.ids.contains(&a.id(h.item))
                || case
                    .outcome
                    .is_some_and(|o| h.item.outcome().is_some_and(|x| a.outcomes[x].id == o))
        });
        if !right {
            let got: Vec<&str> = results.hits.iter().map(|h| a.id(h.item)).collect();
            failures.push(format!("`{}`: got {got:?}", case.query));
        }
    }
    assert!(CASES.len() >= 25);
    assert!(
        failures.is_empty(),
        "{} of {} queries missed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

/// Every expected id exists, so a renamed item fails loudly instead of silently
/// making a case impossible.
#[test]
fn expected_ids_exist() {
    let a = Almanac::bundled().expect("bundled content loads");
    for case in CASES {
        for id in case.ids {
            assert!(
                a.get(id).is_some(),
                "`{}` expects unknown id {id}",
                case.query
            );
        }
        if let Some(o) = case.outcome {
            assert!(
                a.get(o).is_some(),
                "`{}` expects unknown outcome {o}",
                case.query
            );
        }
    }
}
