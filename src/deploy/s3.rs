//! The three S3 calls `kepu deploy` needs — list (ListObjectsV2), put and delete —
//! over `ureq`, signed by [`super::sigv4`], with retries.
//!
//! The one module that knows HTTP and the S3 wire format; an upgrade of `ureq` or
//! `quick-xml` touches this file only. Transport failures and answers the store may
//! give again a moment later (5xx, 429 "slow down") are retried three times with a
//! growing pause; every other answer is final and becomes an [`S3Error`].

use std::time::Duration;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::files::RemoteObject;
use super::headers::ObjectHeaders;
use super::sigv4::{self, Credentials};
use crate::config::S3Target;

/// How many times a request is tried before its error is final.
const ATTEMPTS: u32 = 3;

/// Why a call to the object store failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum S3Error {
    /// No answer: connection refused, no such host, timeout, TLS failure.
    Unreachable(String),
    /// The store does not know the key or the signature is wrong (403
    /// `InvalidAccessKeyId`, `SignatureDoesNotMatch`, …).
    Credentials(String),
    /// The key is known but may not do this (403 `AccessDenied`).
    Denied(String),
    /// The bucket does not exist (404 `NoSuchBucket`).
    NoBucket,
    /// Any other answer: status, S3 error code and message.
    Other(u16, String, String),
}

/// A connection to one bucket.
pub struct Client {
    agent: ureq::Agent,
    target: S3Target,
    credentials: Credentials,
}

/// An answer of the store: status and body.
struct Answer {
    status: u16,
    body: String,
}

impl Client {
    /// A client for `target`, signing with `credentials`.
    pub fn new(target: S3Target, credentials: Credentials) -> Client {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_connect(Some(Duration::from_secs(10)))
            .timeout_global(Some(Duration::from_secs(300)))
            .user_agent(concat!("kepu/", env!("CARGO_PKG_VERSION")))
            .build();
        Client {
            agent: config.into(),
            target,
            credentials,
        }
    }

    /// Every object whose key starts with `prefix`, following continuation tokens.
    pub fn list(&self, prefix: &str) -> Result<Vec<RemoteObject>, S3Error> {
        let mut objects = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let mut query = vec![("list-type", "2"), ("prefix", prefix)];
            if let Some(t) = &token {
                query.push(("continuation-token", t.as_str()));
            }
            let answer = self.call("GET", "", &query, &[], &[])?;
            let page = parse_listing(&answer.body);
            objects.extend(page.objects);
            match page.next {
                Some(next) if page.truncated => token = Some(next),
                _ => return Ok(objects),
            }
        }
    }

    /// Uploads one object with its headers.
    pub fn put(&self, key: &str, body: &[u8], headers: &ObjectHeaders) -> Result<(), S3Error> {
        let mut sent = vec![
            ("content-type", headers.content_type),
            ("cache-control", headers.cache_control),
        ];
        if let Some(encoding) = headers.content_encoding {
            sent.push(("content-encoding", encoding));
        }
        self.call("PUT", key, &[], &sent, body).map(drop)
    }

    /// Deletes one object (deleting a missing object is not an error in S3).
    pub fn delete(&self, key: &str) -> Result<(), S3Error> {
        self.call("DELETE", key, &[], &[], &[]).map(drop)
    }

    /// One signed request, tried up to [`ATTEMPTS`] times; a 2xx answer or the error.
    fn call(
        &self,
        method: &str,
        key: &str,
        query: &[(&str, &str)],
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Result<Answer, S3Error> {
        let mut attempt = 1;
        loop {
            let result = self.send(method, key, query, headers, body);
            let retry = match &result {
                Err(S3Error::Unreachable(_)) => true,
                Ok(answer) => answer.status >= 500 || answer.status == 429,
                Err(_) => false,
            };
            if !retry || attempt == ATTEMPTS {
                return result.and_then(|answer| check(answer, method));
            }
            std::thread::sleep(Duration::from_millis(250 * 4u64.pow(attempt - 1)));
            attempt += 1;
        }
    }

    /// Signs and sends one request.
    fn send(
        &self,
        method: &str,
        key: &str,
        query: &[(&str, &str)],
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Result<Answer, S3Error> {
        let (scheme, host, path) = self.address(key);
        let payload = sigv4::sha256_hex(body);
        let request = sigv4::Request {
            method,
            host: &host,
            path: &path,
            query,
            headers: &[],
            payload_sha256: &payload,
            region: &self.target.region,
        };
        let signed = sigv4::sign(&request, &self.credentials, jiff::Timestamp::now());
        let query = sigv4::canonical_query(query);
        let url = if query.is_empty() {
            format!("{scheme}://{host}{path}")
        } else {
            format!("{scheme}://{host}{path}?{query}")
        };
        let builder = ureq::http::Request::builder().method(method).uri(&url);
        let builder = headers
            .iter()
            .copied()
            .chain(signed.iter().map(|(n, v)| (*n, v.as_str())))
            .fold(builder, |b, (name, value)| b.header(name, value));
        self.run(builder, method, body)
    }

    /// The scheme, host and path of an object: the bucket in the path (path style)
    /// or in the host name.
    fn address(&self, key: &str) -> (&str, String, String) {
        let (scheme, host) = self
            .target
            .endpoint
            .split_once("://")
            .unwrap_or(("https", &self.target.endpoint));
        let encoded_key = crate::escape::percent_encode(key, true);
        if self.target.path_style {
            let path = format!("/{}/{encoded_key}", self.target.bucket);
            (scheme, host.to_string(), path)
        } else {
            let host = format!("{}.{host}", self.target.bucket);
            (scheme, host, format!("/{encoded_key}"))
        }
    }

    /// Sends a request made with `builder` and reads the answer.
    fn run(
        &self,
        builder: ureq::http::request::Builder,
        method: &str,
        body: &[u8],
    ) -> Result<Answer, S3Error> {
        let invalid =
            |e: ureq::http::Error| S3Error::Other(0, "InvalidRequest".into(), e.to_string());
        // GET and DELETE carry no body at all: ureq refuses one on those methods.
        let sent = if method == "PUT" {
            self.agent.run(builder.body(body).map_err(invalid)?)
        } else {
            self.agent.run(builder.body(()).map_err(invalid)?)
        };
        let response = sent.map_err(|e| S3Error::Unreachable(e.to_string()))?;
        let status = response.status().as_u16();
        let body = response
            .into_body()
            .with_config()
            .limit(64 << 20)
            .read_to_string()
            .map_err(|e| S3Error::Unreachable(e.to_string()))?;
        Ok(Answer { status, body })
    }
}

/// A 2xx answer, or the error it stands for.
fn check(answer: Answer, method: &str) -> Result<Answer, S3Error> {
    if (200..300).contains(&answer.status) {
        return Ok(answer);
    }
    let code = xml_text(&answer.body, "Code").unwrap_or_default();
    let message = xml_text(&answer.body, "Message").unwrap_or_default();
    Err(match (answer.status, code.as_str()) {
        (_, "NoSuchBucket") => S3Error::NoBucket,
        // A HEAD-like answer without a body: a 404 on listing means no bucket.
        (404, "") if method == "GET" => S3Error::NoBucket,
        (
            _,
            "InvalidAccessKeyId"
            | "SignatureDoesNotMatch"
            | "InvalidSecurity"
            | "InvalidToken"
            | "ExpiredToken"
            | "AuthorizationHeaderMalformed",
        ) => S3Error::Credentials(code),
        (403, _) => S3Error::Denied(if code.is_empty() {
            "AccessDenied".into()
        } else {
            code
        }),
        (status, _) => S3Error::Other(status, code, message),
    })
}

/// One page of a ListObjectsV2 answer.
#[derive(Debug, Default)]
struct Listing {
    objects: Vec<RemoteObject>,
    truncated: bool,
    next: Option<String>,
}

/// Reads the keys and ETags of a ListObjectsV2 answer.
fn parse_listing(xml: &str) -> Listing {
    let mut reader = Reader::from_str(xml);
    let mut listing = Listing::default();
    let mut path: Vec<String> = Vec::new();
    let (mut key, mut etag) = (String::new(), String::new());
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                path.push(String::from_utf8_lossy(e.local_name().as_ref()).into_owned());
            }
            Ok(Event::End(_)) => {
                if path.last().is_some_and(|p| p == "Contents") && !key.is_empty() {
                    listing.objects.push(RemoteObject {
                        key: std::mem::take(&mut key),
                        etag: std::mem::take(&mut etag).trim_matches('"').to_string(),
                    });
                }
                path.pop();
            }
            Ok(Event::Text(t)) => {
                let text = t.decode().map(|c| c.into_owned()).unwrap_or_default();
                append_text(&path, &text, &mut listing, &mut key, &mut etag);
            }
            Ok(Event::GeneralRef(r)) => {
                let text = resolve_reference(&r.decode().unwrap_or_default());
                append_text(&path, &text, &mut listing, &mut key, &mut etag);
            }
            Ok(Event::Eof) | Err(_) => return listing,
            _ => {}
        }
    }
}

/// Adds text found inside the element at `path` to the field it belongs to.
fn append_text(
    path: &[String],
    text: &str,
    listing: &mut Listing,
    key: &mut String,
    etag: &mut String,
) {
    let names: Vec<&str> = path.iter().map(String::as_str).collect();
    match names.as_slice() {
        [.., "Contents", "Key"] => key.push_str(text),
        [.., "Contents", "ETag"] => etag.push_str(text),
        [_, "IsTruncated"] => listing.truncated = text.trim() == "true",
        [_, "NextContinuationToken"] => {
            listing.next.get_or_insert_with(String::new).push_str(text);
        }
        _ => {}
    }
}

/// The character an XML entity reference stands for (`amp` → `&`, `#38` → `&`).
fn resolve_reference(name: &str) -> String {
    let ch = match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => name.strip_prefix('#').and_then(|n| {
            let code = match n.strip_prefix('x') {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => n.parse().ok(),
            };
            code.and_then(char::from_u32)
        }),
    };
    ch.map_or_else(|| format!("&{name};"), String::from)
}

/// The text of the first `<tag>` of an error answer.
fn xml_text(xml: &str, tag: &str) -> Option<String> {
    let start = xml.find(&format!("<{tag}>"))? + tag.len() + 2;
    let end = start + xml[start..].find(&format!("</{tag}>"))?;
    Some(xml[start..end].trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listing_gives_keys_with_entities_resolved_and_bare_etags() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name>
<IsTruncated>true</IsTruncated><NextContinuationToken>t1</NextContinuationToken>
<Contents><Key>www/a&amp;b.html</Key><ETag>&quot;9e107d9d372bb6826bd81d3542a419d6&quot;</ETag><Size>3</Size></Contents>
<Contents><Key>www/新闻/index.html</Key><ETag>"ABC"</ETag></Contents>
</ListBucketResult>"#;
        let listing = parse_listing(xml);
        assert_eq!(
            listing.objects,
            [
                RemoteObject {
                    key: "www/a&b.html".into(),
                    etag: "9e107d9d372bb6826bd81d3542a419d6".into()
                },
                RemoteObject {
                    key: "www/新闻/index.html".into(),
                    etag: "ABC".into()
                },
            ]
        );
        assert!(listing.truncated);
        assert_eq!(listing.next.as_deref(), Some("t1"));
    }

    #[test]
    fn error_answers_become_the_error_they_stand_for() {
        let answer = |status, body: &str| Answer {
            status,
            body: body.into(),
        };
        let no_bucket = "<Error><Code>NoSuchBucket</Code><Message>x</Message></Error>";
        assert_eq!(
            check(answer(404, no_bucket), "GET").err(),
            Some(S3Error::NoBucket)
        );
        let bad_key = "<Error><Code>InvalidAccessKeyId</Code></Error>";
        assert_eq!(
            check(answer(403, bad_key), "PUT").err(),
            Some(S3Error::Credentials("InvalidAccessKeyId".into()))
        );
        assert_eq!(
            check(answer(403, ""), "PUT").err(),
            Some(S3Error::Denied("AccessDenied".into()))
        );
    }
}
