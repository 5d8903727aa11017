//! RFC 3339 timestamps and ISO dates without a date-time dependency: almanac only needs
//! "now, in UTC, to the second", validation of what a file holds, and an order to sort by.
//! Written as `2026-12-04T20:13:05Z`; read with any offset and an optional fraction.

use std::time::{SystemTime, UNIX_EPOCH};

/// Now, in UTC, to the second.
pub fn now() -> String {
    format(SystemTime::now())
}

/// `2026-12-04T20:13:05Z`. Times before 1970 are written as the epoch (no clock is that wrong
/// on purpose, and a panic would be worse).
pub fn format(t: SystemTime) -> String {
    let secs = t
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    format_unix(secs)
}

pub fn format_unix(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Seconds since the Unix epoch of an RFC 3339 date-time (`T`, `t` or a space between date
/// and time; `Z` or `±HH:MM`; fraction ignored), or `None` when it is not one.
pub fn parse(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 20 || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    let days = date_from_bytes(&b[..10])?;
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let hour = digits(&b[11..13])?;
    let min = digits(&b[14..16])?;
    let sec = digits(&b[17..19])?;
    if hour > 23 || min > 59 || sec > 60 {
        return None;
    }
    let mut rest = &b[19..];
    if rest.first() == Some(&b'.') {
        let n = rest[1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return None;
        }
        rest = &rest[1 + n..];
    }
    let offset = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let (h, m) = (digits(&[*h1, *h2])?, digits(&[*m1, *m2])?);
            if h > 23 || m > 59 {
                return None;
            }
            let off = h * 3600 + m * 60;
            if *sign == b'+' { off } else { -off }
        }
        _ => return None,
    };
    Some(days * 86_400 + hour * 3600 + min * 60 + sec - offset)
}

/// Days since the epoch of a `YYYY-MM-DD` date, checking the day exists.
pub fn parse_date(s: &str) -> Option<i64> {
    date_from_bytes(s.as_bytes())
}

fn date_from_bytes(b: &[u8]) -> Option<i64> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y = digits(&b[0..4])?;
    let m = digits(&b[5..7])?;
    let d = digits(&b[8..10])?;
    if !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
        return None;
    }
    Some(days_from_civil(y, m, d))
}

/// The `YYYY-MM-DD` part of a timestamp, for file names and tables.
pub fn date_part(s: &str) -> &str {
    s.get(..10).unwrap_or(s)
}

fn digits(b: &[u8]) -> Option<i64> {
    b.iter().try_fold(0i64, |acc, c| {
        c.is_ascii_digit().then(|| acc * 10 + i64::from(c - b'0'))
    })
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// Howard Hinnant's `civil_from_days`: proleptic Gregorian date of a day count.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(format_unix(0), "1970-01-01T00:00:00Z");
        // 2000-02-29 is a leap day in a century year divisible by 400.
        assert_eq!(format_unix(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(format_unix(1_796_415_185), "2026-12-04T20:13:05Z");
        assert_eq!(format_unix(-1), "1969-12-31T23:59:59Z");
    }

    #[test]
    fn parse_inverts_format_over_centuries() {
        for secs in (-2_000_000_000i64..4_000_000_000).step_by(86_399 * 97) {
            assert_eq!(
                parse(&format_unix(secs)),
                Some(secs),
                "{}",
                format_unix(secs)
            );
        }
    }

    #[test]
    fn parses_offsets_and_fractions() {
        let z = parse("2026-12-04T20:13:05Z").unwrap();
        assert_eq!(parse("2026-12-04T21:13:05+01:00"), Some(z));
        assert_eq!(parse("2026-12-04t15:43:05.123-04:30"), Some(z));
        assert_eq!(parse("2026-12-04 20:13:05z"), Some(z));
    }

    #[test]
    fn rejects_malformed() {
        for bad in [
            "",
            "2026-12-04",
            "2026-12-04T20:13:05",
            "2026-13-04T20:13:05Z",
            "2026-02-29T20:13:05Z",
            "2026-12-04T24:00:00Z",
            "2026-12-04T20:13:05.Z",
            "2026-12-04T20:13:05+1:00",
            "2026-12-04T20:13:05Zjunk",
            "２026-12-04T20:13:05Z",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        assert!(parse_date("2024-02-29").is_some());
        assert!(parse_date("2100-02-29").is_none());
        assert!(parse_date("2026-04-31").is_none());
        assert!(parse_date("2026-4-3").is_none());
    }
}
