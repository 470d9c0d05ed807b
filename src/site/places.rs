//! Where events happen and who runs them: each event's `venue = "@/venues/x.md"` and
//! `organizer = "@/organizers/y.md"` resolved to the pages they name, the events of
//! each venue and organizer page, and each event as it is shown (its place filled in
//! from its venue).
//!
//! Part of the `site` stage, run once the pages have their kinds and assets and before
//! the calendar, which lists the events of each venue and organizer page. A reference
//! that leads nowhere, to a page left out of the build, or to a page of another kind
//! is an error at its own line; a `[venue]` or `[organizer]` table on a page of
//! another kind is a warning, as an `[event]` table is.

use std::collections::HashMap;

use super::{Asset, Page, Unpublished};
use crate::content::event::Event;
use crate::content::place::PageRef;
use crate::content::{Document, Kind};
use crate::diag::{Diagnostic, Diagnostics, Msg};
use crate::toml_diag::closest;

/// The venue and organizer pages an event names.
#[derive(Debug, Clone, Default)]
pub struct EventPlaces {
    /// Its venue page.
    pub venue: Option<usize>,
    /// Its organizer pages, in the order written.
    pub organizers: Vec<usize>,
}

/// The venues and organizers of the site.
#[derive(Debug, Default)]
pub struct Places {
    /// The pages each event page names, by event page index (only events naming one).
    pub of_event: HashMap<usize, EventPlaces>,
    /// Each event that names a venue, as it is shown: its place (and that of each
    /// changed occurrence with a `venue`) filled in from the venue where the event
    /// does not write its own, its organizer from the organizer pages' titles.
    pub shown: HashMap<usize, Event>,
    /// The event pages at each venue, or by each organizer, by that page's index.
    pub hosted: HashMap<usize, Vec<usize>>,
    /// Root-relative URL of each organizer's logo, by organizer page index.
    pub logos: HashMap<usize, String>,
}

impl Places {
    /// Resolves the references of every event page. `unpublished` says why a page
    /// left out of this build is; `assets` are the site's placed content files.
    pub fn resolve(
        pages: &[Page],
        by_rel: &HashMap<String, usize>,
        unpublished: &super::Unpublishing,
        assets: &[Asset],
        diags: &mut Diagnostics,
    ) -> Places {
        let mut places = Places::default();
        let mut resolver = Resolver {
            pages,
            by_rel,
            unpublished,
            known: HashMap::new(),
        };
        for (i, page) in pages.iter().enumerate() {
            check_tables(page, diags);
            if page.kind == Kind::Organizer
                && let Some(url) = logo_url(page, assets, diags)
            {
                places.logos.insert(i, url);
            }
            if let Some(event) = &page.doc.event {
                places.add_event(i, event, &page.doc, &mut resolver, diags);
            }
        }
        places
    }

    /// Resolves the venue, organizers and changed venues of event page `i`, and
    /// records the event as hosted by each and as shown.
    fn add_event(
        &mut self,
        i: usize,
        event: &Event,
        doc: &Document,
        resolver: &mut Resolver,
        diags: &mut Diagnostics,
    ) {
        let change_refs = event.changes.iter().filter_map(|c| c.venue.as_ref());
        if event.venue.is_none() && event.organizers.is_empty() && change_refs.count() == 0 {
            return;
        }
        let mut lookup = |r: &PageRef, want: Kind| resolver.resolve(r, want, doc, diags);
        let venue = event.venue.as_ref().and_then(|r| lookup(r, Kind::Venue));
        let organizers: Vec<usize> = event
            .organizers
            .iter()
            .filter_map(|r| lookup(r, Kind::Organizer))
            .collect();
        let change_venues: Vec<Option<usize>> = event
            .changes
            .iter()
            .map(|c| c.venue.as_ref().and_then(|r| lookup(r, Kind::Venue)))
            .collect();
        for host in hosts(venue, &organizers, &change_venues) {
            self.hosted.entry(host).or_default().push(i);
        }
        let pages = resolver.pages;
        self.shown
            .insert(i, shown(event, pages, venue, &organizers, &change_venues));
        self.of_event.insert(i, EventPlaces { venue, organizers });
    }
}

/// Every page an event names, once each, by index.
fn hosts(
    venue: Option<usize>,
    organizers: &[usize],
    change_venues: &[Option<usize>],
) -> Vec<usize> {
    let mut hosts: Vec<usize> = venue
        .into_iter()
        .chain(organizers.iter().copied())
        .collect();
    hosts.extend(change_venues.iter().flatten());
    hosts.sort_unstable();
    hosts.dedup();
    hosts
}

/// What resolving a reference needs: the pages by content path, why a page left out
/// is, and (once a reference of a kind leads nowhere) the paths of that kind it could
/// have meant.
struct Resolver<'a> {
    /// Every page of the site.
    pages: &'a [Page],
    /// Page index by content path.
    by_rel: &'a HashMap<String, usize>,
    /// Why each page left out of the build is.
    unpublished: &'a super::Unpublishing,
    /// The sorted content paths of the pages of each kind, made on the first
    /// reference to that kind that leads nowhere.
    known: HashMap<Kind, Vec<String>>,
}

impl Resolver<'_> {
    /// The page a reference names, if it is published and of kind `want`; otherwise
    /// the problem goes to `diags`.
    fn resolve(
        &mut self,
        r: &PageRef,
        want: Kind,
        source: &Document,
        diags: &mut Diagnostics,
    ) -> Option<usize> {
        let Some(&i) = self.by_rel.get(&r.target) else {
            diags.extend(self.not_found(r, want, source));
            return None;
        };
        let page = &self.pages[i];
        if page.kind != want || page.doc.is_section {
            diags.push(wrong_kind(r, want, source, page));
            return None;
        }
        Some(i)
    }

    /// Why a reference to no page of this build leads nowhere: the page is left out,
    /// or there is none (with the closest path as help). `None` for a file that could
    /// not be read: its own error says what is wrong with it.
    fn not_found(&mut self, r: &PageRef, want: Kind, source: &Document) -> Option<Diagnostic> {
        match self.unpublished.get(&r.target) {
            Some(None) => None,
            Some(Some(reason)) => Some(unpublished_place(r, want, source, *reason)),
            None => {
                let pages = self.pages;
                let known = self
                    .known
                    .entry(want)
                    .or_insert_with(|| place_paths(pages, want));
                Some(missing_place(r, want, source, known))
            }
        }
    }
}

/// The sorted content paths of the pages of kind `want`.
fn place_paths(pages: &[Page], want: Kind) -> Vec<String> {
    let mut all: Vec<String> = pages
        .iter()
        .filter(|p| p.kind == want && !p.doc.is_section)
        .map(|p| p.doc.rel.clone())
        .collect();
    all.sort();
    all
}

/// A reference to a page left out of the build, and why.
fn unpublished_place(
    r: &PageRef,
    want: Kind,
    source: &Document,
    reason: Unpublished,
) -> Diagnostic {
    let message = Msg::PlaceUnpublished {
        field: Box::new(want.phrase()),
        page: format!("@/{}", r.target),
        reason: Box::new(reason.phrase()),
    };
    Diagnostic::error(&source.source, r.line, r.col, message).with_help(Msg::PublishPlaceHelp {
        field: want.name().to_string(),
    })
}

/// A reference to a page that does not exist, with the closest of `known` as help.
fn missing_place(r: &PageRef, want: Kind, source: &Document, known: &[String]) -> Diagnostic {
    let folder = if want == Kind::Venue {
        "venues"
    } else {
        "organizers"
    };
    let (field, folder) = (want.name().to_string(), folder.to_string());
    let help = match closest(&r.target, known) {
        Some(best) => Msg::DidYouMeanPlaceHelp {
            best: best.to_string(),
            field,
            folder,
        },
        None => Msg::PlaceFileHelp {
            kind: field.clone(),
            field,
            folder,
        },
    };
    let message = Msg::NoPlacePage {
        field: Box::new(want.phrase()),
        page: format!("@/{}", r.target),
    };
    Diagnostic::error(&source.source, r.line, r.col, message).with_help(help)
}

/// A reference to a section, or to a page of another kind than `want`.
fn wrong_kind(r: &PageRef, want: Kind, source: &Document, page: &Page) -> Diagnostic {
    let field = want.name();
    let page_ref = format!("@/{}", r.target);
    let wanted = Box::new(if want == Kind::Venue {
        Msg::AVenuePage
    } else {
        Msg::AnOrganizerPage
    });
    let message = if page.doc.is_section {
        Msg::PlaceIsSection {
            page: page_ref,
            wanted,
        }
    } else {
        Msg::PlaceWrongKind {
            page: page_ref,
            kind: page.kind.name().to_string(),
            wanted,
        }
    };
    Diagnostic::error(&source.source, r.line, r.col, message).with_help(Msg::PlaceKindHelp {
        kind: field.to_string(),
        field: field.to_string(),
        folder: field.to_string(),
    })
}

/// Warns about a `[venue]` or `[organizer]` table on a page of another kind.
fn check_tables(page: &Page, diags: &mut Diagnostics) {
    for (table, present, kind) in [
        ("venue", page.doc.venue.is_some(), Kind::Venue),
        ("organizer", page.doc.organizer.is_some(), Kind::Organizer),
    ] {
        if present && (page.kind != kind || page.doc.is_section) {
            diags.push(
                Diagnostic::warning(
                    &page.doc.source,
                    1,
                    1,
                    Msg::PlaceTableUnread {
                        table: table.to_string(),
                        kind: table.to_string(),
                    },
                )
                .with_help(Msg::PlaceTableHelp {
                    kind: table.to_string(),
                    folder: table.to_string(),
                    table: table.to_string(),
                }),
            );
        }
    }
}

/// The URL of an organizer's co-located logo; a logo that is not there is an error.
fn logo_url(page: &Page, assets: &[Asset], diags: &mut Diagnostics) -> Option<String> {
    let (name, line, col) = page.doc.organizer.as_ref()?.logo.as_ref()?;
    let dir = page.doc.rel.rsplit_once('/').map_or("", |(d, _)| d);
    let rel = if dir.is_empty() {
        name.clone()
    } else {
        format!("{dir}/{name}")
    };
    let found = assets
        .iter()
        .find(|a| a.source.rel.to_string_lossy().replace('\\', "/") == rel);
    match found {
        Some(asset) => {
            let prefix = page.url.strip_suffix(&page.path).unwrap_or("");
            Some(format!("{prefix}/{}", asset.output))
        }
        None => {
            diags.push(
                Diagnostic::error(
                    &page.doc.source,
                    *line,
                    *col,
                    Msg::LogoMissing {
                        name: name.clone(),
                        looked_for: rel,
                    },
                )
                .with_help(Msg::LogoHelp),
            );
            None
        }
    }
}

/// The event as shown: place fields it does not write taken from its venue (and each
/// change's venue), its organizer text from the organizer pages.
fn shown(
    event: &Event,
    pages: &[Page],
    venue: Option<usize>,
    organizers: &[usize],
    change_venues: &[Option<usize>],
) -> Event {
    let mut shown = event.clone();
    if let Some(v) = venue {
        let (title, table) = (&pages[v].doc.title, pages[v].doc.venue.as_ref());
        shown.location = shown.location.or_else(|| Some(title.clone()));
        shown.address = shown
            .address
            .or_else(|| table.and_then(|t| t.address.clone()));
        shown.geo = shown.geo.or_else(|| table.and_then(|t| t.geo));
    }
    if shown.organizer.is_none() && !organizers.is_empty() {
        let names: Vec<&str> = organizers
            .iter()
            .map(|&o| pages[o].doc.title.as_str())
            .collect();
        shown.organizer = Some(names.join("、"));
    }
    for (change, venue) in shown.changes.iter_mut().zip(change_venues) {
        let Some(v) = venue else { continue };
        let (title, table) = (&pages[*v].doc.title, pages[*v].doc.venue.as_ref());
        change.location = change.location.take().or_else(|| Some(title.clone()));
        change.address = change
            .address
            .take()
            .or_else(|| table.and_then(|t| t.address.clone()));
        change.geo = table.and_then(|t| t.geo);
    }
    shown
}
