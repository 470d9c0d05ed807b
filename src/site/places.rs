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

use super::{Asset, Page};
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
        let mut known: Option<Vec<String>> = None;
        let mut lookup = |r: &PageRef, want: Kind, source: &Document, diags: &mut Diagnostics| {
            resolve_one(
                r,
                want,
                source,
                pages,
                by_rel,
                unpublished,
                &mut known,
                diags,
            )
        };
        for (i, page) in pages.iter().enumerate() {
            check_tables(page, diags);
            if page.kind == Kind::Organizer
                && let Some(url) = logo_url(page, assets, diags)
            {
                places.logos.insert(i, url);
            }
            let Some(event) = &page.doc.event else {
                continue;
            };
            let change_refs = event.changes.iter().filter_map(|c| c.venue.as_ref());
            if event.venue.is_none() && event.organizers.is_empty() && change_refs.count() == 0 {
                continue;
            }
            let venue = event
                .venue
                .as_ref()
                .and_then(|r| lookup(r, Kind::Venue, &page.doc, diags));
            let organizers: Vec<usize> = event
                .organizers
                .iter()
                .filter_map(|r| lookup(r, Kind::Organizer, &page.doc, diags))
                .collect();
            let change_venues: Vec<Option<usize>> = event
                .changes
                .iter()
                .map(|c| {
                    c.venue
                        .as_ref()
                        .and_then(|r| lookup(r, Kind::Venue, &page.doc, diags))
                })
                .collect();
            let mut hosts: Vec<usize> = venue
                .into_iter()
                .chain(organizers.iter().copied())
                .collect();
            hosts.extend(change_venues.iter().flatten());
            hosts.sort_unstable();
            hosts.dedup();
            for host in hosts {
                places.hosted.entry(host).or_default().push(i);
            }
            places
                .shown
                .insert(i, shown(event, pages, venue, &organizers, &change_venues));
            places.of_event.insert(i, EventPlaces { venue, organizers });
        }
        places
    }
}

/// The page a reference names, if it is published and of kind `want`; otherwise
/// the problem goes to `diags`.
#[allow(clippy::too_many_arguments)]
fn resolve_one(
    r: &PageRef,
    want: Kind,
    source: &Document,
    pages: &[Page],
    by_rel: &HashMap<String, usize>,
    unpublished: &super::Unpublishing,
    known: &mut Option<Vec<String>>,
    diags: &mut Diagnostics,
) -> Option<usize> {
    let field = want.name();
    let written = format!("@/{}", r.target);
    let error = |message: Msg| Diagnostic::error(&source.source, r.line, r.col, message);
    let Some(&i) = by_rel.get(&r.target) else {
        let d = match unpublished.get(&r.target) {
            // The file's own error says what is wrong with it.
            Some(None) => return None,
            Some(Some(reason)) => error(Msg::PlaceUnpublished {
                field: Box::new(want.phrase()),
                page: written,
                reason: Box::new(reason.phrase()),
            })
            .with_help(Msg::PublishPlaceHelp {
                field: field.to_string(),
            }),
            None => {
                let known = known.get_or_insert_with(|| {
                    let mut all: Vec<String> = pages
                        .iter()
                        .filter(|p| p.kind == want && !p.doc.is_section)
                        .map(|p| p.doc.rel.clone())
                        .collect();
                    all.sort();
                    all
                });
                let folder = if want == Kind::Venue {
                    "venues"
                } else {
                    "organizers"
                };
                let (field, folder) = (field.to_string(), folder.to_string());
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
                let field = Box::new(want.phrase());
                error(Msg::NoPlacePage {
                    field,
                    page: written,
                })
                .with_help(help)
            }
        };
        diags.push(d);
        return None;
    };
    let page = &pages[i];
    if page.kind != want || page.doc.is_section {
        let wanted = Box::new(if want == Kind::Venue {
            Msg::AVenuePage
        } else {
            Msg::AnOrganizerPage
        });
        let message = if page.doc.is_section {
            Msg::PlaceIsSection {
                page: written,
                wanted,
            }
        } else {
            Msg::PlaceWrongKind {
                page: written,
                kind: page.kind.name().to_string(),
                wanted,
            }
        };
        diags.push(error(message).with_help(Msg::PlaceKindHelp {
            kind: field.to_string(),
            field: field.to_string(),
            folder: field.to_string(),
        }));
        return None;
    }
    Some(i)
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
