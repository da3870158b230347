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
#include "zicha-digest.h"
#include "zicha-package-verify.h"
#include "zicha-platform-random.h"
#include "zicha-platform-server-private.h"

#define PACKAGE_MEDIA_TYPE "application/vnd.zicha.package+zip"
#define DIGEST_HEADER "X-Zicha-Digest"

/* What a worker thread decided, applied to the message on the main
 * thread. */
typedef struct
{
  ZichaPlatformServer *server;
  SoupServerMessage   *msg;
  ZichaPlatformUnit   *unit;
  char                *report_uuid;
  char                *claimed_digest;
  GBytes              *package;

  guint                status;
  char                *body;
  char                *location;
  guint                retry_after;  /* seconds; 0: no Retry-After */
} ZichaPlatformUpload;

static void
upload_free (gpointer data)
{
  ZichaPlatformUpload *upload = data;

  g_clear_object (&upload->server);
  g_clear_object (&upload->msg);
  zicha_platform_unit_free (upload->unit);
  g_free (upload->report_uuid);
  g_free (upload->claimed_digest);
  g_clear_pointer (&upload->package, g_bytes_unref);
  g_free (upload->body);
  g_free (upload->location);
  g_free (upload);
}

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

#define FINISHED_KEY "zicha-platform-finished"

/* The response was sent, or the client went away: either way the message
 * takes no answer any more. */
static void
upload_finished (SoupServerMessage *msg,
                 gpointer           user_data)
{
  g_object_set_data (G_OBJECT (msg), FINISHED_KEY, GINT_TO_POINTER (TRUE));
  _zicha_platform_server_upload_done (ZICHA_PLATFORM_SERVER (user_data));
}

gboolean
_zicha_platform_reports_check_put (ZichaPlatformServer      *self,
                                   SoupServerMessage        *msg,
                                   const ZichaPlatformRoute *route,
                                   const ZichaPlatformUnit  *unit)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(ZichaPlatformSubmission) existing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *media_type = NULL;
  const char *digest;
  goffset length;

  if (soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH)
    {
      _zicha_platform_reply_error (msg, SOUP_STATUS_LENGTH_REQUIRED, "length_required",
                                   "Send the package with a Content-Length header, not in chunks.",
                                   "请求须带有 Content-Length 头，不接受分块传输。");
      return FALSE;
    }

  length = soup_message_headers_get_content_length (headers);
  if (length < 0 || (guint64) length > self->max_package_size)
    {
      g_autoptr(JsonObject) extra = json_object_new ();
      g_autofree char *message = g_strdup_printf ("The package is larger than the limit of %" G_GSIZE_FORMAT " bytes.",
                                                  self->max_package_size);
      g_autofree char *message_zh = g_strdup_printf ("报告包超过 %" G_GSIZE_FORMAT " 字节的上限。",
                                                     self->max_package_size);
      g_autofree char *body = NULL;

      json_object_set_int_member (extra, "limit", self->max_package_size);
      body = _zicha_platform_error_body ("too_large", message, message_zh, extra);
      _zicha_platform_reply_json (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, body);
      /* The body that follows is not wanted. */
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
      return FALSE;
    }

  media_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));
  if (media_type == NULL || g_ascii_strcasecmp (media_type, PACKAGE_MEDIA_TYPE) != 0)
    {
      g_autoptr(JsonObject) extra = json_object_new ();
      g_autofree char *body = NULL;

      json_object_set_string_member (extra, "expected", PACKAGE_MEDIA_TYPE);
      body = _zicha_platform_error_body ("unsupported_media_type",
                                         "A report is sent as Content-Type: " PACKAGE_MEDIA_TYPE ".",
                                         "报告须以 Content-Type: " PACKAGE_MEDIA_TYPE " 提交。",
                                         extra);
      _zicha_platform_reply_json (msg, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, body);
      return FALSE;
    }

  digest = soup_message_headers_get_one (headers, DIGEST_HEADER);
  if (digest == NULL)
    {
      _zicha_platform_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "missing_digest",
                                   "The request has no " DIGEST_HEADER " header.",
                                   "请求缺少 " DIGEST_HEADER " 头。");
      return FALSE;
    }
  if (!zicha_digest_is_valid_sha256 (digest))
    {
      _zicha_platform_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_digest",
                                   DIGEST_HEADER " is not 64 lower-case hexadecimal characters.",
                                   DIGEST_HEADER " 须为 64 位小写十六进制字符。");
      return FALSE;
    }

  /* Delivered before: answered from the headers. */
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

  if (self->n_uploads >= self->max_uploads)
    {
      _zicha_platform_reply_retry (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "unavailable", 5,
                                   "The platform is receiving as many reports as it can; try again shortly.",
                                   "平台正在接收的报告已达上限，请稍后重试。");
      return FALSE;
    }

  self->n_uploads++;
  g_signal_connect_data (msg, "finished", G_CALLBACK (upload_finished),
                         g_object_ref (self), (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  return TRUE;
}

/* On a worker thread -------------------------------------------------------- */

static void
refuse (ZichaPlatformUpload *upload,
        const char          *code,
        const char          *message,
        const char          *message_zh,
        JsonObject          *extra)
{
  upload->status = SOUP_STATUS_UNPROCESSABLE_ENTITY;
  upload->body = _zicha_platform_error_body (code, message, message_zh, extra);
}

static char *
build_receipt (ZichaPlatformServer    *self,
               const ZichaPackageInfo *info,
               const char             *number,
               const char             *received_at,
               const char             *unit_code,
               gsize                   package_size,
               const char             *package_sha256)
{
  g_autoptr(JsonNode) receipt_node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *receipt = json_object_new ();
  JsonObject *form = json_object_new ();
  JsonObject *signature = json_object_new ();
  JsonObject *outer = json_object_new ();
  g_autofree char *signed_text = NULL;
  g_autofree char *hmac = NULL;

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
  json_node_take_object (receipt_node, receipt);

  /* The HMAC covers the canonical bytes of the receipt object. */
  signed_text = zicha_canonical_json_to_string (receipt_node);
  hmac = g_compute_hmac_for_data (G_CHECKSUM_SHA256,
                                  g_bytes_get_data (self->receipt_key, NULL), g_bytes_get_size (self->receipt_key),
                                  (const guchar *) signed_text, strlen (signed_text));
  json_object_set_string_member (signature, "algorithm", "HMAC-SHA256");
  json_object_set_string_member (signature, "key_id", self->receipt_key_id);
  json_object_set_string_member (signature, "value", hmac);

  json_object_set_member (outer, "receipt", json_node_copy (receipt_node));
  json_object_set_object_member (outer, "signature", signature);
  json_node_take_object (root, outer);
  return zicha_canonical_json_to_string (root);
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
      g_autoptr(JsonObject) extra = json_object_new ();

      if (g_error_matches (error, ZICHA_PACKAGE_ERROR, ZICHA_PACKAGE_ERROR_UNKNOWN_FORM))
        {
          refuse (upload, "unknown_form", error->message, "报告包所用的表单不是平台接收的表单。", NULL);
          return;
        }

      json_object_set_string_member (extra, "package_error",
                                     error->domain == ZICHA_PACKAGE_ERROR
                                     ? zicha_package_error_to_string (error->code) : "damaged");
      refuse (upload, "package_refused", error->message, "报告包未通过校验，平台未接收。", extra);
      return;
    }

  if (!g_str_equal (info->report_uuid, upload->report_uuid))
    {
      g_autofree char *message = g_strdup_printf ("The package holds the report %s, not %s as the address says.",
                                                  info->report_uuid, upload->report_uuid);

      refuse (upload, "uuid_mismatch", message, "报告包中的报告编号与地址中的不一致。", NULL);
      return;
    }

  if (!g_str_equal (info->digest, upload->claimed_digest))
    {
      g_autoptr(JsonObject) extra = json_object_new ();
      g_autofree char *message = g_strdup_printf ("The package's digest is %s, not %s as " DIGEST_HEADER " says.",
                                                  info->digest, upload->claimed_digest);

      json_object_set_string_member (extra, "package_digest", info->digest);
      refuse (upload, "digest_mismatch", message, "报告包的摘要与 " DIGEST_HEADER " 不一致。", extra);
      return;
    }

  if (!g_str_equal (info->unit_code, upload->unit->code))
    {
      refuse (upload, "unit_mismatch",
              "The package is a report of another unit than the one this token belongs to.",
              "报告包的单位代码与令牌所属单位不一致。", NULL);
      return;
    }

  if (info->state != ZICHA_REPORT_FINALIZED)
    {
      refuse (upload, "not_finalized",
              "The package holds a draft; only finalized reports are delivered.",
              "报告包为草稿，只能提交已定稿的报告。", NULL);
      return;
    }

  now = g_date_time_new_now_utc ();
  received_at = _zicha_platform_format_time (now);
  number = zicha_platform_receipt_number_new (now, &error);
  if (number == NULL)
    {
      upload->status = SOUP_STATUS_INTERNAL_SERVER_ERROR;
      upload->body = _zicha_platform_error_body ("internal_error", error->message, "平台处理请求时出错，未保存任何内容。", NULL);
      return;
    }
  package_sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, upload->package);
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
      if (g_error_matches (error, ZICHA_PLATFORM_STORAGE_ERROR, ZICHA_PLATFORM_STORAGE_ERROR_BUSY) ||
          g_error_matches (error, ZICHA_PLATFORM_STORAGE_ERROR, ZICHA_PLATFORM_STORAGE_ERROR_EXISTS))
        {
          g_autoptr(JsonObject) extra = json_object_new ();

          json_object_set_int_member (extra, "retry_after", 5);
          upload->status = SOUP_STATUS_SERVICE_UNAVAILABLE;
          upload->retry_after = 5;
          upload->body = _zicha_platform_error_body ("unavailable",
                                                     "The platform is busy; nothing was stored. Try again shortly.",
                                                     "平台繁忙，未保存任何内容，请稍后重试。", extra);
        }
      else
        {
          g_message ("Storing %s failed: %s", upload->report_uuid, error->message);
          upload->status = SOUP_STATUS_INTERNAL_SERVER_ERROR;
          upload->body = _zicha_platform_error_body ("internal_error",
                                                     "The platform failed to handle the request; nothing was stored.",
                                                     "平台处理请求时出错，未保存任何内容。", NULL);
        }
      return;
    }

  /* A delivery racing this one may have stored the report first. */
  if (created)
    {
      upload->status = SOUP_STATUS_CREATED;
      upload->location = receipt_location (stored->report_uuid);
      upload->body = g_strdup (stored->receipt);
    }
  else if (g_str_equal (stored->digest, upload->claimed_digest))
    {
      upload->status = SOUP_STATUS_OK;
      upload->body = g_strdup (stored->receipt);
    }
  else
    {
      upload->status = SOUP_STATUS_CONFLICT;
      upload->body = conflict_body (stored->digest);
    }

  g_debug ("%s %s from %s: %u", created ? "Accepted" : "Already had", info->report_uuid, upload->unit->code,
           upload->status);
}

static void
upload_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  verify_and_store (task_data);
  g_task_return_boolean (task, TRUE);
}

/* Back on the main thread. */
static void
upload_answered (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ZichaPlatformUpload *upload = g_task_get_task_data (G_TASK (result));
  SoupServerMessage *msg = upload->msg;

  /* The client hung up while the package was being checked; what was
   * stored stays stored, and its next attempt gets the receipt. */
  if (g_object_get_data (G_OBJECT (msg), FINISHED_KEY) != NULL)
    return;

  _zicha_platform_reply_json (msg, upload->status, upload->body);
  if (upload->location != NULL)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location", upload->location);
  if (upload->retry_after > 0)
    {
      g_autofree char *seconds = g_strdup_printf ("%u", upload->retry_after);

      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", seconds);
    }
  soup_server_message_unpause (msg);
}

void
_zicha_platform_reports_put (ZichaPlatformServer      *self,
                             SoupServerMessage        *msg,
                             const ZichaPlatformRoute *route,
                             const ZichaPlatformUnit  *unit)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  ZichaPlatformUpload *upload = g_new0 (ZichaPlatformUpload, 1);
  g_autoptr(GTask) task = NULL;

  upload->server = g_object_ref (self);
  upload->msg = g_object_ref (msg);
  upload->unit = zicha_platform_unit_copy (unit);
  upload->report_uuid = g_strdup (route->first);
  upload->claimed_digest = g_strdup (soup_message_headers_get_one (headers, DIGEST_HEADER));
  upload->package = soup_message_body_flatten (soup_server_message_get_request_body (msg));

  soup_server_message_pause (msg);

  task = g_task_new (self, NULL, upload_answered, NULL);
  g_task_set_source_tag (task, _zicha_platform_reports_put);
  g_task_set_task_data (task, upload, upload_free);
  g_task_run_in_thread (task, upload_in_thread);
}

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
