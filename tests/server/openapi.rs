//! The OpenAPI document at `/v1/openapi.json`: served without a login by a real server, it
//! names every route the router declares (read from the route files, so a new route without
//! its `#[utoipa::path]` fails here) with the methods it answers, and every schema it refers to
//! is in its components.

use std::collections::BTreeSet;

use serde_json::Value;

use super::fixtures::{Server, ledger_with};

/// `(method, path)` of every `.route("PATH", get(…).post(…))` in the server's route files.
fn declared_routes() -> BTreeSet<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/server/routes");
    let mut routes = BTreeSet::new();
    for entry in std::fs::read_dir(&dir).expect("the route files") {
        let text = std::fs::read_to_string(entry.expect("a file").path()).expect("readable");
        for (at, _) in text.match_indices(".route(") {
            let call = balanced(&text[at + ".route".len()..]);
            let path = call.split('"').nth(1).expect("a route names its path");
            for method in ["get", "post", "put", "delete", "patch"] {
                let opens = |w: &str| {
                    call.match_indices(&format!("{method}(")).any(|(i, _)| {
                        i == 0 || !w[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_')
                    })
                };
                if opens(call) {
                    routes.insert((method.to_owned(), path.to_owned()));
                }
            }
        }
    }
    routes
}

/// The text of the parenthesised group `text` starts with.
fn balanced(text: &str) -> &str {
    let mut depth = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return &text[..=i];
                }
            }
            _ => {}
        }
    }
    panic!("unbalanced route call: {text}")
}

fn refs(value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                match (k.as_str(), v) {
                    ("$ref", Value::String(r)) => {
                        out.insert(r.clone());
                    }
                    _ => refs(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
        _ => {}
    }
}

#[test]
fn the_openapi_document_covers_every_route() {
    let (_tmp, dir) = ledger_with(&[("lan", "tiep-nhan")]);
    let server = Server::start(&dir, None);
    // No token: the document holds no data.
    let doc: Value = server
        .client(None)
        .get("/v1/openapi.json")
        .expect("the document is served without a login");
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")));
    let mut documented = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in item.as_object().expect("a path item").keys() {
            documented.insert((method.clone(), path.clone()));
        }
    }
    let declared = declared_routes();
    assert!(
        declared.len() > 30,
        "the route files were read: {declared:?}"
    );
    let undocumented: Vec<_> = declared.difference(&documented).collect();
    let unserved: Vec<_> = documented.difference(&declared).collect();
    assert!(
        undocumented.is_empty(),
        "routes missing from the document: {undocumented:?}"
    );
    assert!(
        unserved.is_empty(),
        "documented but not routed: {unserved:?}"
    );

    // Bodies are described by the Rust types, not left open.
    let receive = &doc["paths"]["/v1/dossiers"]["post"];
    assert_eq!(
        receive["requestBody"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/ReceiveRequest"
    );
    assert_eq!(
        receive["responses"]["200"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/Dossier"
    );
    assert!(
        receive["responses"]["409"].is_object(),
        "the stale-view answer"
    );
    let schemas = doc["components"]["schemas"].as_object().expect("schemas");
    for name in [
        "Intake",
        "Command",
        "Dossier",
        "Event",
        "Row",
        "Judgement",
        "Document",
    ] {
        assert!(schemas.contains_key(name), "schema {name} missing");
    }
    let mut used = BTreeSet::new();
    refs(&doc, &mut used);
    for r in used {
        let name = r
            .strip_prefix("#/components/schemas/")
            .unwrap_or_else(|| panic!("unexpected reference {r}"));
        assert!(schemas.contains_key(name), "{r} refers to no schema");
    }
}
