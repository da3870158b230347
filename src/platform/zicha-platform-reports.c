/* zicha-platform-reports.c — PUT /api/v1/reports/{uuid} and its receipt
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/platform-api.md, "Reports": from the headers, a delivery already
 * made is answered (200 with its receipt, or 409) and everything else
 * refused before the body is read; the body is then verified on a worker
 * thread (zicha_package_verify_with_forms(), the checks import runs) and
 * stored with a new signed receipt in one durable transaction.
 */
#define G_LOG_DOMAIN "zicha-platform"

#include "config.h"

#include <string.h>

#include "zicha-canonical-json.h"
#include "zicha-package-verify.h"
#include "zicha-platform-upload.h"

#define PACKAGE_MEDIA_TYPE "application/vnd.zicha.package+zip"
#define DIGEST_HEADER ZICHA_PLATFORM_DIGEST_HEADER

static char *
conflict_body (const char *existing_digest)
{
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autofree char *message = NULL;
  g_autofree char *message_zh = NULL;

  json_object_set_string_member (extra, "existing_digest", existing_digest);
  message = g_strdup_printf ("This report was already delivered with different contents (digest %s). "
                             "Make a new revision to send corrections.", existing_digest);
  message_zh = g_strdup_printf ("该报告已以不同内容提交（摘要 %s）。如需更正，请创建新的修订版本后提交。",
                                existing_digest);
  return _zicha_platform_error_body ("conflict", message, message_zh, extra);
}

static char *
receipt_location (const char *report_uuid)
{
  return g_strdup_printf ("/api/v1/reports/%s/receipt", report_uuid);
}

/* From the headers ---------------------------------------------------------- */

/* Delivered before: answered from the headers. */
static gboolean
check_existing (ZichaPlatformServer      *self,
                SoupServerMessage        *msg,
                const ZichaPlatformRoute *route,
                const ZichaPlatformUnit  *unit,
                const char               *digest)
{
  g_autoptr(ZichaPlatformSubmission) existing = NULL;
  g_autoptr(GError) error = NULL;

  existing = zicha_platform_storage_get_submission (self->storage, unit->id, route->first, &error);
  if (existing != NULL)
    {
      if (g_str_equal (existing->digest, digest))
        _zicha_platform_reply_json (msg, SOUP_STATUS_OK, existing->receipt);
      else
        {
          g_autofree char *body = conflict_body (existing->digest);

          _zicha_platform_reply_json (msg, SOUP_STATUS_CONFLICT, body);
        }
      return FALSE;
    }
  if (!g_error_matches (error, ZICHA_PLATFORM_STORAGE_ERROR, ZICHA_PLATFORM_STORAGE_ERROR_NOT_FOUND))
    {
      _zicha_platform_reply_storage_error (msg, error);
      return FALSE;
    }

  return TRUE;
}

/* On a worker thread -------------------------------------------------------- */

static char *
build_receipt (ZichaPlatformServer    *self,
               const ZichaPackageInfo *info,
               const char             *number,
               const char             *received_at,
               const char             *unit_code,
               gsize                   package_size,
               const char             *package_sha256)
{
  JsonObject *receipt = json_object_new ();
  JsonObject *form = json_object_new ();

  json_object_set_string_member (form, "id", info->form_id);
  json_object_set_int_member (form, "version", info->form_version);

  json_object_set_string_member (receipt, "digest", info->digest);
  json_object_set_object_member (receipt, "form", form);
  json_object_set_string_member (receipt, "kind", "report");
  json_object_set_string_member (receipt, "number", number);
  json_object_set_string_member (receipt, "package_sha256", package_sha256);
  json_object_set_int_member (receipt, "package_size", package_size);
  json_object_set_string_member (receipt, "received_at", received_at);
  json_object_set_string_member (receipt, "report_uuid", info->report_uuid);
  json_object_set_int_member (receipt, "revision", info->revision);
  json_object_set_string_member (receipt, "unit_code", unit_code);
  json_object_set_int_member (receipt, "year", info->year);

  /* Signed like feedback receipts: an HMAC over the canonical receipt. */
  return _zicha_platform_sign_receipt (self, receipt);
}

static void
verify_and_store (ZichaPlatformUpload *upload)
{
  ZichaPlatformServer *self = upload->server;
  ZichaPackageLimits limits = *zicha_package_limits_default ();
  g_autoptr(ZichaPackageInfo) info = NULL;
  g_autoptr(ZichaPlatformSubmission) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *received_at = NULL;
  g_autofree char *number = NULL;
  g_autofree char *package_sha256 = NULL;
  g_autofree char *receipt = NULL;
  ZichaPlatformSubmission submission = { 0 };
  gboolean created = FALSE;

  limits.max_package_size = self->max_package_size;
  info = zicha_package_verify_with_forms (upload->package, self->form_objects, &limits, &error);
  if (info == NULL)
    {
      if (g_error_matches (error, ZICHA_PACKAGE_ERROR, ZICHA_PACKAGE_ERROR_UNKNOWN_FORM))
        {
          _zicha_platform_upload_refuse (upload, "unknown_form", error->message,
                                         "报告包所用的表单不是平台接收的表单。", NULL);
          return;
        }

      _zicha_platform_upload_refuse_package (upload, error, "报告包未通过校验，平台未接收。");
      return;
    }

  if (!g_str_equal (info->report_uuid, upload->first))
    {
      g_autofree char *message = g_strdup_printf ("The package holds the report %s, not %s as the address says.",
                                                  info->report_uuid, upload->first);

      _zicha_platform_upload_refuse (upload, "uuid_mismatch", message, "报告包中的报告编号与地址中的不一致。", NULL);
      return;
    }

  if (!g_str_equal (info->digest, upload->claimed_digest))
    {
      _zicha_platform_upload_refuse_digest (upload, "package", info->digest,
                                            "报告包的摘要与 " DIGEST_HEADER " 不一致。");
      return;
    }

  if (!g_str_equal (info->unit_code, upload->unit->code))
    {
      _zicha_platform_upload_refuse (upload, "unit_mismatch",
                                     "The package is a report of another unit than the one this token belongs to.",
                                     "报告包的单位代码与令牌所属单位不一致。", NULL);
      return;
    }

  if (info->state != ZICHA_REPORT_FINALIZED)
    {
      _zicha_platform_upload_refuse (upload, "not_finalized",
                                     "The package holds a draft; only finalized reports are delivered.",
                                     "报告包为草稿，只能提交已定稿的报告。", NULL);
      return;
    }

  now = g_date_time_new_now_utc ();
  received_at = _zicha_platform_format_time (now);
  if (!_zicha_platform_upload_prepare (upload, now, &number, &package_sha256))
    return;
  receipt = build_receipt (self, info, number, received_at, upload->unit->code,
                           g_bytes_get_size (upload->package), package_sha256);

  submission.unit_id = upload->unit->id;
  submission.report_uuid = info->report_uuid;
  submission.digest = info->digest;
  submission.form_id = info->form_id;
  submission.form_version = info->form_version;
  submission.revision = info->revision;
  submission.year = info->year;
  submission.received_at = received_at;
  submission.package_sha256 = package_sha256;
  submission.receipt_number = number;
  submission.receipt = receipt;

  stored = zicha_platform_storage_add_submission (self->storage, &submission, upload->package, &created, &error);
  if (stored == NULL)
    {
      _zicha_platform_upload_store_failed (upload, error, upload->first);
      return;
    }

  /* A delivery racing this one may have stored the report first. */
  _zicha_platform_upload_stored (upload, created, g_str_equal (stored->digest, upload->claimed_digest),
                                 stored->digest, stored->receipt, receipt_location (stored->report_uuid));

  g_debug ("%s %s from %s: %u", created ? "Accepted" : "Already had", info->report_uuid, upload->unit->code,
           upload->status);
}

const ZichaPlatformUploadKind _zicha_platform_report_upload = {
  .media_type = PACKAGE_MEDIA_TYPE,
  .length_required_message = "Send the package with a Content-Length header, not in chunks.",
  .media_type_message = "A report is sent as Content-Type: " PACKAGE_MEDIA_TYPE ".",
  .media_type_message_zh = "报告须以 Content-Type: " PACKAGE_MEDIA_TYPE " 提交。",
  .too_large_noun_zh = "报告包",
  .busy_message = "The platform is receiving as many reports as it can; try again shortly.",
  .busy_message_zh = "平台正在接收的报告已达上限，请稍后重试。",
  .conflict_body = conflict_body,
  .check_existing = check_existing,
  .verify_and_store = verify_and_store,
};

/* GET …/receipt -------------------------------------------------------------- */

void
_zicha_platform_reports_get_receipt (ZichaPlatformServer      *self,
                                     SoupServerMessage        *msg,
                                     const ZichaPlatformRoute *route,
                                     const ZichaPlatformUnit  *unit)
{
  g_autoptr(ZichaPlatformSubmission) submission = NULL;
  g_autoptr(GError) error = NULL;

  submission = zicha_platform_storage_get_submission (self->storage, unit->id, route->first, &error);
  if (submission != NULL)
    _zicha_platform_reply_json (msg, SOUP_STATUS_OK, submission->receipt);
  else if (g_error_matches (error, ZICHA_PLATFORM_STORAGE_ERROR, ZICHA_PLATFORM_STORAGE_ERROR_NOT_FOUND))
    _zicha_platform_reply_error (msg, SOUP_STATUS_NOT_FOUND, "not_found",
                                 "There is nothing here.", "未找到请求的内容。");
  else
    _zicha_platform_reply_storage_error (msg, error);
}
