//! Wall-clock time as the user reads it: dates and times in the computer's own time zone (jiff
//! reads it from the system), so a report written on the evening of 31 December in Manila is
//! dated 31 December, not the next day in UTC.

use jiff::{civil, tz::TimeZone, Timestamp, Zoned};

/// Seconds since the Unix epoch now.
pub fn unix_now() -> i64 {
    Timestamp::now().as_second()
}

/// Now, in the user's time zone.
pub fn now_local() -> Zoned {
    Zoned::now()
}

/// This year in the user's time zone.
pub fn this_year() -> i32 {
    now_local().year().into()
}

/// Today's date in the user's time zone, as `YYYY-MM-DD`.
pub fn today() -> String {
    now_local().date().to_string()
}

/// A Unix time as the user's local date and time, `YYYY-MM-DD HH:MM`.
pub fn local_minute(secs: i64) -> String {
    match Timestamp::from_second(secs) {
        Ok(t) => t
            .to_zoned(TimeZone::system())
            .strftime("%Y-%m-%d %H:%M")
            .to_string(),
        Err(_) => String::from("—"),
    }
}

/// Parses a calendar date written `YYYY-MM-DD`; a day the month does not have (2023-02-31) is
/// refused, as is any other spelling.
pub fn parse_date(text: &str) -> Option<civil::Date> {
    let bytes = text.as_bytes();
    let shape = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape {
        return None;
    }
    text.parse::<civil::Date>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_calendar_dates() {
        assert!(parse_date("2024-02-29").is_some());
        for bad in [
            "2023-02-31",
            "2023-02-29",
            "2023-04-31",
            "2023-13-01",
            "2023-00-10",
            "2023-1-01",
            "23-01-01",
            "2023/01/01",
            "2023-01-01T00:00",
            "",
            "२०२३-०१-०१",
        ] {
            assert!(parse_date(bad).is_none(), "{bad}");
        }
    }
}
