//! Fields that events, venues and organizers check alike: web addresses
//! (`registration`, `online`, `map`, `url`) and coordinates (`geo`).
//!
//! Part of the `content` stage, a leaf under [`super::event`] and [`super::place`].

use toml::Spanned;

use crate::diag::{Diagnostics, Msg};
use crate::toml_diag::TomlOrigin;

/// A place given as coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geo {
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
}

/// Checks a web address written by an editor.
fn check_url(url: &str) -> Result<String, Msg> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or(Msg::UrlNoScheme)?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() || host.starts_with('.') || host.contains("..") {
        return Err(Msg::UrlNoHost);
    }
    if url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '\\'))
    {
        return Err(Msg::UrlBadCharacters);
    }
    Ok(url.to_string())
}

/// A web address field (`registration`, `online`, a venue's `map`, an organizer's
/// `url`), checked; `example` is the address the help line shows.
pub fn url_field(
    value: &Option<Spanned<String>>,
    field: &str,
    example: &str,
    origin: &TomlOrigin<'_>,
    diags: &mut Diagnostics,
) -> Option<String> {
    let value = value.as_ref()?;
    match check_url(value.get_ref()) {
        Ok(url) => Some(url),
        Err(why) => {
            diags.push(
                origin
                    .error_at(
                        value.span().start,
                        Msg::NotWebAddress {
                            field: field.to_string(),
                            url: value.get_ref().clone(),
                            why: Box::new(why),
                        },
                    )
                    .with_help(Msg::WebAddressHelp {
                        field: field.to_string(),
                        example: example.to_string(),
                    }),
            );
            None
        }
    }
}

/// `geo = [latitude, longitude]` (an event's or a venue's), checked for range.
pub fn geo_field(
    geo: &Option<Spanned<Vec<f64>>>,
    origin: &TomlOrigin<'_>,
    diags: &mut Diagnostics,
) -> Option<Geo> {
    let g = geo.as_ref()?;
    match g.get_ref().as_slice() {
        [lat, lon] if (-90.0..=90.0).contains(lat) && (-180.0..=180.0).contains(lon) => Some(Geo {
            lat: *lat,
            lon: *lon,
        }),
        _ => {
            diags.push(
                origin
                    .error_at(g.span().start, Msg::GeoOutOfRange)
                    .with_help(Msg::GeoHelp),
            );
            None
        }
    }
}
