//! The OpenAPI document of `/v1/…`, generated from the handlers' `#[utoipa::path]` attributes
//! and the request and answer types (their `utoipa::ToSchema` derives), never written by hand.
//! Served at `GET /v1/openapi.json` without a login (it holds no data); a test holds it against
//! the routes the router declares, so a route cannot go undocumented.

use utoipa::openapi::response::ResponseBuilder;
use utoipa::openapi::schema::Ref;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{Content, OpenApi as Document, RefOr};
use utoipa::{Modify, OpenApi};

use super::{accounts, dossiers, lists, papers};
use crate::desk::{ExportFormat, FormKind, ListFilter};
use crate::domain::Status;
use crate::remote::wire::{ErrorBody, ErrorKind};

/// The routes a client may call without a session token.
const OPEN: [&str; 3] = ["/v1/health", "/v1/login", "/v1/openapi.json"];

/// The error answers every protected route may give, all with an [`ErrorBody`].
const ERRORS: [(&str, &str); 6] = [
    ("400", "Yêu cầu không đúng định dạng"),
    (
        "401",
        "Chưa đăng nhập, sai mật khẩu, tài khoản bị khóa hoặc phiên đã hết hạn",
    ),
    ("403", "Vai trò của tài khoản không được làm việc này"),
    (
        "409",
        "Hồ sơ vừa được cập nhật ở quầy khác (bước trên dữ liệu cũ)",
    ),
    ("422", "Quy định không cho phép, hoặc dữ liệu không hợp lệ"),
    ("503", "Máy chủ không ghi hoặc đọc được sổ hồ sơ"),
];

#[derive(OpenApi)]
#[openapi(
    info(
        title = "motcua",
        description = "Sổ hồ sơ một cửa của một Trung tâm Phục vụ hành chính công cấp xã, \
                       phục vụ các quầy (motcua serve). Mọi thời điểm là giờ Việt Nam \
                       (UTC+07:00) không kèm múi giờ, dạng YYYY-MM-DDTHH:MM:SS; ngày dạng \
                       YYYY-MM-DD. Máy chủ dùng đồng hồ của chính nó. Mỗi lần ghi mang một \
                       khóa yêu cầu (call.request): gửi lại cùng khóa trả về kết quả lần đầu."
    ),
    paths(
        super::health, super::changes, openapi_json,
        accounts::login, accounts::logout, accounts::me, accounts::accounts,
        accounts::add_account, accounts::rename_account, accounts::disable_account,
        accounts::set_password,
        dossiers::receive, dossiers::dossier, dossiers::detail, dossiers::step,
        dossiers::document, dossiers::pdf,
        lists::board, lists::list, lists::count, lists::counters, lists::by_status,
        lists::received_on, lists::search, lists::late,
        papers::profile, papers::catalogue, papers::replace_catalogue, papers::preview_due,
        papers::catalogue_document, papers::letterhead, papers::register,
        papers::day_summary, papers::period_stats, papers::clerk_figures, papers::verify, papers::verify_head, papers::export,
    ),
    components(schemas(ErrorBody, ErrorKind, ListFilter, FormKind, Status, ExportFormat)),
    modifiers(&Common)
)]
struct Api;

/// Adds the bearer-token scheme, and to every protected operation its security requirement
/// and the error answers.
struct Common;

impl Modify for Common {
    fn modify(&self, api: &mut Document) {
        if let Some(components) = api.components.as_mut() {
            components.add_security_scheme(
                "token",
                SecurityScheme::Http(
                    HttpBuilder::new()
                        .scheme(HttpAuthScheme::Bearer)
                        .description(Some(
                            "Phiên do POST /v1/login trả về; ổ cắm cục bộ không cần (trừ khi \
                             cấu hình bắt đăng nhập).",
                        ))
                        .build(),
                ),
            );
        }
        for (path, item) in &mut api.paths.paths {
            if OPEN.contains(&path.as_str()) {
                continue;
            }
            for op in [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
            ]
            .into_iter()
            .flatten()
            {
                op.security = Some(vec![SecurityRequirement::new(
                    "token",
                    Vec::<String>::new(),
                )]);
                for (status, text) in ERRORS {
                    let answer = ResponseBuilder::new()
                        .description(text)
                        .content(
                            "application/json",
                            Content::new(Some(Ref::from_schema_name("ErrorBody"))),
                        )
                        .build();
                    op.responses
                        .responses
                        .entry(status.to_owned())
                        .or_insert(RefOr::T(answer));
                }
            }
        }
    }
}

/// The document, built once per call (a few milliseconds; asked for rarely).
pub(crate) fn document() -> Document {
    Api::openapi()
}

/// This document.
#[utoipa::path(get, path = "/v1/openapi.json", tag = "service",
    responses((status = 200, description = "Tài liệu OpenAPI 3.1 của API này", body = Object)))]
pub(super) async fn openapi_json() -> super::Json<Document> {
    super::Json(document())
}
