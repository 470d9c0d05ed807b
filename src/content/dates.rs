//! Dates of front matter: TOML dates and date-times turned into instants in the site's
//! time zone, and the `YYYY-MM-DD-` prefix of file names.

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ZonedDateTime};

use crate::diag::Msg;

/// Converts a TOML date or date-time into a zoned instant.
///
/// A bare date is midnight in `tz`; a local date-time is read in `tz`; an offset
/// date-time is the instant it names, shown in `tz`. A bare time is an error.
pub fn from_toml(value: &toml::value::Datetime, tz: &TimeZone) -> Result<ZonedDateTime, Msg> {
    let Some(d) = value.date else {
        return Err(Msg::TimeAloneWriteDay);
    };
    let date =
        Date::new(d.year as i16, d.month as i8, d.day as i8).map_err(|_| Msg::NotARealDate {
            date: format!("{:04}-{:02}-{:02}", d.year, d.month, d.day),
        })?;
    let time = match value.time {
        Some(t) => civil_time(t)?,
        None => jiff::civil::Time::midnight(),
    };
    let civil = DateTime::from_parts(date, time);
    let Some(offset) = value.offset else {
        return civil
            .to_zoned_datetime(tz.clone())
            .map_err(|e| Msg::NotInSiteZone {
                time: civil.to_string(),
                error: e.to_string(),
            });
    };
    let minutes = match offset {
        toml::value::Offset::Z => 0,
        toml::value::Offset::Custom { minutes } => minutes,
    };
    let offset = jiff::tz::Offset::from_seconds(minutes as i32 * 60).map_err(Msg::foreign)?;
    let ts = offset.to_timestamp(civil).map_err(Msg::foreign)?;
    Ok(ts.to_zoned_datetime(tz.clone()))
}

/// A TOML time of day as a civil time (a leap second read as :59).
fn civil_time(t: toml::value::Time) -> Result<jiff::civil::Time, Msg> {
    jiff::civil::Time::new(
        t.hour as i8,
        t.minute as i8,
        t.second.min(59) as i8,
        t.nanosecond as i32,
    )
    .map_err(|_| Msg::NotARealTime {
        time: format!("{:02}:{:02}:{:02}", t.hour, t.minute, t.second),
    })
}

/// Parses `--now`: an RFC 3339 instant, a local date-time or a date (both in `tz`).
pub fn parse_now(text: &str, tz: &TimeZone) -> Result<Timestamp, Msg> {
    if let Ok(ts) = text.parse::<Timestamp>() {
        return Ok(ts);
    }
    if let Ok(dt) = text.parse::<DateTime>() {
        return dt
            .to_zoned_datetime(tz.clone())
            .map(|z| z.timestamp())
            .map_err(Msg::foreign);
    }
    if let Ok(d) = text.parse::<Date>() {
        return d
            .to_zoned_datetime(tz.clone())
            .map(|z| z.timestamp())
            .map_err(Msg::foreign);
    }
    Err(Msg::NowNotDate {
        text: text.to_string(),
    })
}

/// Splits a `YYYY-MM-DD-` or `YYYY-MM-DD_` prefix off a file or folder name.
///
/// Returns the date and the rest of the name; `None` when there is no valid prefix.
pub fn split_date_prefix(name: &str) -> Option<(Date, &str)> {
    let bytes = name.as_bytes();
    if bytes.len() < 11 {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| bytes[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && bytes[4] == b'-' && digits(5..7) && bytes[7] == b'-' && digits(8..10)) {
        return None;
    }
    if !matches!(bytes[10], b'-' | b'_') {
        return None;
    }
    let date: Date = name[..10].parse().ok()?;
    let rest = &name[11..];
    if rest.is_empty() {
        None
    } else {
        Some((date, rest))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_prefix_is_split() {
        let (date, rest) = split_date_prefix("2018-01-05-member-review").unwrap();
        assert_eq!(date.to_string(), "2018-01-05");
        assert_eq!(rest, "member-review");
        assert_eq!(
            split_date_prefix("2018-01-05_会籍整理").unwrap().1,
            "会籍整理"
        );
        assert!(split_date_prefix("2018-keji-huodongzhou").is_none());
        assert!(split_date_prefix("2018-02-30-impossible").is_none());
        assert!(split_date_prefix("2018-01-05").is_none());
    }

    #[test]
    fn local_values_are_read_in_the_site_zone() {
        let tz = TimeZone::get("Asia/Shanghai").unwrap();
        let v: toml::value::Datetime = "2018-09-15T09:00:00".parse().unwrap();
        assert_eq!(
            from_toml(&v, &tz).unwrap().timestamp().to_string(),
            "2018-09-15T01:00:00Z"
        );
        let v: toml::value::Datetime = "2018-09-15T09:00:00Z".parse().unwrap();
        assert_eq!(from_toml(&v, &tz).unwrap().hour(), 17);
        let v: toml::value::Datetime = "2018-09-15".parse().unwrap();
        assert_eq!(
            from_toml(&v, &tz).unwrap().to_string(),
            "2018-09-15T00:00:00+08:00[Asia/Shanghai]"
        );
    }

    #[test]
    fn now_accepts_offsets_local_times_and_dates() {
        let tz = TimeZone::get("Asia/Shanghai").unwrap();
        assert_eq!(
            parse_now("2018-06-01T00:00:00+08:00", &tz)
                .unwrap()
                .to_string(),
            "2018-05-31T16:00:00Z"
        );
        assert_eq!(
            parse_now("2018-06-01", &tz).unwrap().to_string(),
            "2018-05-31T16:00:00Z"
        );
        assert!(parse_now("tomorrow", &tz).is_err());
    }
}
