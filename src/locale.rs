//! The languages kepu speaks and how it writes dates: [`Lang`] (Chinese or English),
//! the one decision "is this language Chinese?", the names of weekdays and months, the
//! dates written for people (`2018年9月15日 星期六`, `Saturday, 15 September 2018`), and
//! the RFC 3339 form written for machines (feeds, sitemaps, JSON-LD, front matter).
//!
//! A leaf, beside `text`. One [`Lang`] serves both the language of a page (which the
//! renderer formats dates in) and the language of messages (which `messages` prints
//! in): kepu speaks the same two languages in both. They differ only in how an
//! unknown code is read, hence two constructors: [`Lang::of`] for a page, where every
//! language but Chinese is written the English way, and [`Lang::from_code`] for a
//! `KEPU_LANG` value, where a code that is neither falls through to the next source.

use jiff::civil::{Date, Weekday};
use jiff::{Timestamp, ZonedDateTime};

/// A language kepu writes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English: messages are written in it, and every language but Chinese has its
    /// dates written the English way.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// The language a page or site in `code` (`zh-CN`, `en`, `fr`) is written in:
    /// Chinese for any `zh…` code, whatever its case, English otherwise.
    pub fn of(code: &str) -> Lang {
        if code.trim().to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The language a `KEPU_LANG` value or a site `language` names: `zh…` is Chinese,
    /// `en…` English; anything else names no language we speak.
    pub fn from_code(code: &str) -> Option<Lang> {
        match Lang::of(code) {
            Lang::Zh => Some(Lang::Zh),
            Lang::En if code.trim().to_ascii_lowercase().starts_with("en") => Some(Lang::En),
            Lang::En => None,
        }
    }

    /// The weekday's name: `星期六`, `Saturday`.
    pub fn weekday(self, day: Weekday) -> &'static str {
        let i = day.to_monday_zero_offset() as usize;
        match self {
            Lang::Zh => WEEKDAYS_ZH[i],
            Lang::En => WEEKDAYS_EN[i],
        }
    }

    /// The weekday's short name, for the head of a calendar's column: `六`, `Sat`.
    pub fn weekday_short(self, day: Weekday) -> &'static str {
        let i = day.to_monday_zero_offset() as usize;
        match self {
            Lang::Zh => &WEEKDAYS_ZH[i][WEEKDAYS_ZH[i].len() - "一".len()..],
            Lang::En => &WEEKDAYS_EN[i][..3],
        }
    }

    /// A month of a year: `2018年9月`, `September 2018`.
    pub fn month_of_year(self, year: i16, month: i8) -> String {
        match self {
            Lang::Zh => format!("{year}年{month}月"),
            Lang::En => format!("{} {year}", month_name(month)),
        }
    }

    /// A day with its weekday: `2018年9月15日（星期六）`, `Saturday, 15 September 2018`;
    /// `with_year = false` drops the year (for the end of a range in the same year).
    pub fn day(self, d: Date, with_year: bool) -> String {
        let weekday = self.weekday(d.weekday());
        let (y, m, day) = (d.year(), d.month(), d.day());
        match (self, with_year) {
            (Lang::Zh, true) => format!("{y}年{m}月{day}日（{weekday}）"),
            (Lang::Zh, false) => format!("{m}月{day}日（{weekday}）"),
            (Lang::En, true) => format!("{weekday}, {day} {} {y}", month_name(m)),
            (Lang::En, false) => format!("{weekday}, {day} {}", month_name(m)),
        }
    }

    /// A zoned time in one of the `date` filter's formats: `date` (`2018年9月15日`,
    /// `15 September 2018`), `long` (with the weekday), `datetime`, `time`, `month`,
    /// `weekday`, `iso`, `rfc3339`, or else a strftime pattern (kept as written when
    /// it is not one).
    pub fn format(self, z: &ZonedDateTime, format: &str) -> String {
        let weekday = self.weekday(z.weekday());
        let (y, m, d) = (z.year(), z.month(), z.day());
        let time = format!("{:02}:{:02}", z.hour(), z.minute());
        match (format, self) {
            ("date", Lang::Zh) => format!("{y}年{m}月{d}日"),
            ("date", Lang::En) => format!("{d} {} {y}", month_name(m)),
            ("long", Lang::Zh) => format!("{y}年{m}月{d}日 {weekday}"),
            ("long", Lang::En) => format!("{weekday}, {d} {} {y}", month_name(m)),
            ("datetime", Lang::Zh) => format!("{y}年{m}月{d}日 {time}"),
            ("datetime", Lang::En) => format!("{d} {} {y}, {time}", month_name(m)),
            ("time", _) => time,
            ("month", _) => self.month_of_year(y, m),
            ("weekday", _) => weekday.to_string(),
            ("iso", _) => z.strftime("%Y-%m-%d").to_string(),
            ("rfc3339", _) => rfc3339(z),
            (pattern, _) => {
                jiff::fmt::strtime::format(pattern, z).unwrap_or_else(|_| pattern.to_string())
            }
        }
    }
}

/// Weekday names, Monday first.
const WEEKDAYS_ZH: [&str; 7] = [
    "星期一",
    "星期二",
    "星期三",
    "星期四",
    "星期五",
    "星期六",
    "星期日",
];
/// Weekday names, Monday first.
const WEEKDAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
/// Month names, January first: only English has them (Chinese writes `9月`).
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The English name of a month (1–12): `September`.
pub fn month_name(month: i8) -> &'static str {
    MONTHS_EN[month as usize - 1]
}

/// A zoned time in RFC 3339 with its offset: `2018-09-15T09:00:00+08:00`.
pub fn rfc3339(z: &ZonedDateTime) -> String {
    z.strftime(RFC3339).to_string()
}

/// An instant in RFC 3339 in UTC: `2018-09-15T01:00:00Z`.
pub fn rfc3339_utc(ts: Timestamp) -> String {
    ts.strftime(RFC3339_UTC).to_string()
}

/// The strftime pattern of [`rfc3339`].
const RFC3339: &str = "%Y-%m-%dT%H:%M:%S%:z";
/// The strftime pattern of [`rfc3339_utc`].
const RFC3339_UTC: &str = "%Y-%m-%dT%H:%M:%SZ";

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use jiff::tz::TimeZone;

    #[test]
    fn chinese_is_any_zh_code_in_any_case() {
        assert_eq!(Lang::of("zh-CN"), Lang::Zh);
        assert_eq!(Lang::of("ZH-hant"), Lang::Zh);
        assert_eq!(Lang::of("en"), Lang::En);
        assert_eq!(Lang::of("fr"), Lang::En);
        assert_eq!(Lang::from_code("fr"), None);
        assert_eq!(Lang::from_code(" EN-gb"), Some(Lang::En));
    }

    #[test]
    fn names_and_days_in_both_languages() {
        let sat = date(2018, 9, 15);
        assert_eq!(Lang::Zh.weekday_short(sat.weekday()), "六");
        assert_eq!(Lang::En.weekday_short(sat.weekday()), "Sat");
        assert_eq!(Lang::Zh.day(sat, true), "2018年9月15日（星期六）");
        assert_eq!(Lang::Zh.day(sat, false), "9月15日（星期六）");
        assert_eq!(Lang::En.day(sat, false), "Saturday, 15 September");
        assert_eq!(Lang::En.month_of_year(2018, 9), "September 2018");
    }

    #[test]
    fn formats_of_the_date_filter() {
        let z = date(2018, 9, 15)
            .at(9, 0, 0, 0)
            .to_zoned_datetime(TimeZone::get("Asia/Shanghai").unwrap())
            .unwrap();
        assert_eq!(Lang::Zh.format(&z, "long"), "2018年9月15日 星期六");
        assert_eq!(Lang::En.format(&z, "long"), "Saturday, 15 September 2018");
        assert_eq!(Lang::Zh.format(&z, "datetime"), "2018年9月15日 09:00");
        assert_eq!(Lang::En.format(&z, "month"), "September 2018");
        assert_eq!(Lang::Zh.format(&z, "%Y/%m"), "2018/09");
        assert_eq!(Lang::Zh.format(&z, "rfc3339"), "2018-09-15T09:00:00+08:00");
        assert_eq!(rfc3339_utc(z.timestamp()), "2018-09-15T01:00:00Z");
    }
}
