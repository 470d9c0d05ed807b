//! The kinds of content a section can hold, and how its pages are ordered.

use serde::Serialize;

use crate::diag::Msg;

/// What a section holds; its pages inherit it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// News items, dated, newest first.
    News,
    /// Events with an `[event]` table.
    Event,
    /// Trainings: events with a `[training]` table.
    Training,
    /// Downloads with a `[resource]` table.
    Resource,
    /// Plain pages (about, contact…).
    Page,
    /// Places where events happen, with a `[venue]` table.
    Venue,
    /// Who runs events, with an `[organizer]` table.
    Organizer,
}

impl Kind {
    /// All kinds, in the order they are documented.
    pub const ALL: [Kind; 7] = [
        Kind::News,
        Kind::Event,
        Kind::Training,
        Kind::Resource,
        Kind::Page,
        Kind::Venue,
        Kind::Organizer,
    ];

    /// The name written in front matter (`kind = "event"`).
    pub fn name(self) -> &'static str {
        match self {
            Kind::News => "news",
            Kind::Event => "event",
            Kind::Training => "training",
            Kind::Resource => "resource",
            Kind::Page => "page",
            Kind::Venue => "venue",
            Kind::Organizer => "organizer",
        }
    }

    /// The kind inside a message: `news` (新闻), `event` (活动)…
    pub fn phrase(self) -> Msg {
        match self {
            Kind::News => Msg::KindNews,
            Kind::Event => Msg::KindEvent,
            Kind::Training => Msg::KindTraining,
            Kind::Resource => Msg::KindResource,
            Kind::Page => Msg::KindPage,
            Kind::Venue => Msg::KindVenue,
            Kind::Organizer => Msg::KindOrganizer,
        }
    }

    /// Parses the name written in front matter.
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// True for kinds that take an `[event]` table.
    pub fn is_event_like(self) -> bool {
        matches!(self, Kind::Event | Kind::Training)
    }

    /// The order a section of this kind uses when it names none.
    pub fn default_sort(self) -> SortBy {
        match self {
            Kind::News | Kind::Resource => SortBy::Date,
            Kind::Event | Kind::Training => SortBy::Start,
            Kind::Page => SortBy::Weight,
            Kind::Venue | Kind::Organizer => SortBy::Title,
        }
    }
}

/// How the pages of a section are ordered (`sort_by`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SortBy {
    /// Newest first.
    Date,
    /// Lowest `weight` first.
    Weight,
    /// By title, in code-point order.
    Title,
    /// Events by start, soonest first.
    Start,
}

impl SortBy {
    /// All orders, for messages.
    pub const ALL: [SortBy; 4] = [SortBy::Date, SortBy::Weight, SortBy::Title, SortBy::Start];

    /// The name written in front matter.
    pub fn name(self) -> &'static str {
        match self {
            SortBy::Date => "date",
            SortBy::Weight => "weight",
            SortBy::Title => "title",
            SortBy::Start => "start",
        }
    }

    /// Parses the name written in front matter.
    pub fn from_name(name: &str) -> Option<SortBy> {
        SortBy::ALL.into_iter().find(|s| s.name() == name)
    }
}
