/* zicha-platform-feedback.c — PUT /api/v1/notices/{id}/feedback/{uuid}
 * and its receipt
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/platform-api.md, "Feedback on a notice". Like a report: from the
 * headers, feedback already received is answered (200 with its receipt,
 * or 409) and everything else refused before the body is read; the body
 * is verified on a worker thread (zicha_feedback_package_verify(), the
 * code the client builds it with) and stored with a new signed receipt in
 * one durable transaction, which also answers the notice — on time when
 * received by its deadline (detected_at + 72 hours), else late.
 */
#define G_LOG_DOMAIN "zicha-platform"

#include "config.h"

#include <string.h>

#include "zicha-canonical-json.h"
#include "zicha-digest.h"
#include "zicha-feedback-package.h"
#include "zicha-notice.h"
#include "zicha-package-verify.h"
#include "zicha-platform-random.h"
#include "zicha-platform-server-private.h"

#define DIGEST_HEADER "X-Zicha-Digest"
#define FINISHED_KEY "zicha-platform-feedback-finished"

typedef struct
{
  ZichaPlatformServer *server;
  SoupServerMessage   *msg;
  ZichaPlatformUnit   *unit;
  char                *notice_id;
  char                *feedback_uuid;
  char                *claimed_digest;
  char                *deadline;     /* ISO 8601 UTC */
  GBytes              *package;

  guint                status;
  char                *body;
  char                *location;
  guint                retry_after;
} ZichaPlatformFeedbackUpload;

static void
upload_free (gpointer data)
{
  ZichaPlatformFeedbackUpload *upload = data;

  g_clear_object (&upload->server);
  g_clear_object (&upload->msg);
  zicha_platform_unit_free (upload->unit);
  g_free (upload->notice_id);
  g_free (upload->feedback_uuid);
  g_free (upload->claimed_digest);
  g_free (upload->deadline);
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
  message = g_strdup_printf ("This feedback was already received with different contents (digest %s). "
                             "Send corrections as new feedback with a new UUID.", existing_digest);
  message_zh = g_strdup_printf ("该反馈已以不同内容提交（摘要 %s）。如需更正，请以新的反馈提交。", existing_digest);
  return _zicha_platform_error_body ("conflict", message, message_zh, extra);
}

static char *
receipt_location (const char *notice_id,
                  const char *feedback_uuid)
{
  return g_strdup_printf ("/api/v1/notices/%s/feedback/%s/receipt", notice_id, feedback_uuid);
}

static void
reply_not_found (SoupServerMessage *msg)
{
  _zicha_platform_reply_error (msg, SOUP_STATUS_NOT_FOUND, "not_found",
                               "There is nothing here.", "未找到请求的内容。");
}

char *
_zicha_platform_sign_receipt (ZichaPlatformServer *self,
                              JsonObject          *receipt)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) receipt_node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *outer = json_object_new ();
  JsonObject *signature = json_object_new ();
  g_autofree char *signed_text = NULL;
  g_autofree char *hmac = NULL;

  json_node_set_object (receipt_node, receipt);
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

/* From the headers ---------------------------------------------------------- */

static void
upload_finished (SoupServerMessage *msg,
                 gpointer           user_data)
{
  g_object_set_data (G_OBJECT (msg), FINISHED_KEY, GINT_TO_POINTER (TRUE));
  _zicha_platform_server_upload_done (ZICHA_PLATFORM_SERVER (user_data));
}

gboolean
_zicha_platform_feedback_check_put (ZichaPlatformServer      *self,
                                    SoupServerMessage        *msg,
                                    const ZichaPlatformRoute *route,
                                    const ZichaPlatformUnit  *unit)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(ZichaPlatformNotice) notice = NULL;
  g_autoptr(ZichaPlatformFeedback) existing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *media_type = NULL;
  const char *digest;
  goffset length;

  if (soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH)
    {
      _zicha_platform_reply_error (msg, SOUP_STATUS_LENGTH_REQUIRED, "length_required",
                                   "Send the feedback with a Content-Length header, not in chunks.",
                                   "请求须带有 Content-Length 头，不接受分块传输。");
      return FALSE;
    }

  length = soup_message_headers_get_content_length (headers);
  if (length < 0 || (guint64) length > self->max_package_size)
    {
      g_autoptr(JsonObject) extra = json_object_new ();
      g_autofree char *message = g_strdup_printf ("The package is larger than the limit of %" G_GSIZE_FORMAT " bytes.",
                                                  self->max_package_size);
      g_autofree char *message_zh = g_strdup_printf ("反馈包超过 %" G_GSIZE_FORMAT " 字节的上限。",
                                                     self->max_package_size);
      g_autofree char *body = NULL;

      json_object_set_int_member (extra, "limit", self->max_package_size);
      body = _zicha_platform_error_body ("too_large", message, message_zh, extra);
      _zicha_platform_reply_json (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, body);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
      return FALSE;
    }

  media_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));
  if (media_type == NULL || g_ascii_strcasecmp (media_type, ZICHA_FEEDBACK_MEDIA_TYPE) != 0)
    {
      g_autoptr(JsonObject) extra = json_object_new ();
      g_autofree char *body = NULL;

      json_object_set_string_member (extra, "expected", ZICHA_FEEDBACK_MEDIA_TYPE);
      body = _zicha_platform_error_body ("unsupported_media_type",
                                         "Feedback is sent as Content-Type: " ZICHA_FEEDBACK_MEDIA_TYPE ".",
                                         "反馈须以 Content-Type: " ZICHA_FEEDBACK_MEDIA_TYPE " 提交。",
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

  /* The notice: this unit's, else as if it did not exist. */
  notice = zicha_platform_storage_get_notice (self->storage, unit->id, route->first, &error);
  if (notice == NULL)
    {
      if (g_error_matches (error, ZICHA_PLATFORM_STORAGE_ERROR, ZICHA_PLATFORM_STORAGE_ERROR_NOT_FOUND))
        reply_not_found (msg);
      else
        _zicha_platform_reply_storage_error (msg, error);
      return FALSE;
    }

  /* Received before: answered from the headers. */
  existing = zicha_platform_storage_get_feedback (self->storage, unit->id, route->second, &error);
  if (existing != NULL)
    {
      if (g_str_equal (existing->digest, digest) && g_str_equal (existing->notice_id, route->first))
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

  if (g_str_equal (notice->state, "withdrawn"))
    {
      _zicha_platform_reply_error (msg, 422, "notice_closed",
                                   "The platform withdrew this notice; it takes no feedback.",
                                   "该通报已撤回，不再接收反馈。");
      return FALSE;
    }

  if (self->n_uploads >= self->max_uploads)
    {
      _zicha_platform_reply_retry (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "unavailable", 5,
                                   "The platform is receiving as many uploads as it can; try again shortly.",
                                   "平台正在接收的内容已达上限，请稍后重试。");
      return FALSE;
    }

  self->n_uploads++;
  g_signal_connect_data (msg, "finished", G_CALLBACK (upload_finished),
                         g_object_ref (self), (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  return TRUE;
}

/* On a worker thread -------------------------------------------------------- */

static void
refuse (ZichaPlatformFeedbackUpload *upload,
        const char                  *code,
        const char                  *message,
        const char                  *message_zh,
        JsonObject                  *extra)
{
  upload->status = 422;
  upload->body = _zicha_platform_error_body (code, message, message_zh, extra);
}

static void
refuse_invalid (ZichaPlatformFeedbackUpload *upload,
                const char                  *detail)
{
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autofree char *message = g_strdup_printf ("The feedback is not valid: %s.", detail);

  json_object_set_string_member (extra, "detail", detail);
  refuse (upload, "invalid_feedback", message, "反馈内容不符合要求，平台未接收。", extra);
}

static char *
build_receipt (ZichaPlatformFeedbackUpload *upload,
               const ZichaFeedbackInfo     *info,
               const char                  *number,
               const char                  *received_at,
               gboolean                     late,
               const char                  *package_sha256)
{
  JsonObject *receipt = json_object_new ();

  json_object_set_string_member (receipt, "digest", info->digest);
  json_object_set_string_member (receipt, "feedback_uuid", info->feedback_uuid);
  json_object_set_string_member (receipt, "kind", "feedback");
  json_object_set_boolean_member (receipt, "late", late);
  json_object_set_string_member (receipt, "notice_id", info->notice_id);
  json_object_set_string_member (receipt, "number", number);
  json_object_set_string_member (receipt, "package_sha256", package_sha256);
  json_object_set_int_member (receipt, "package_size", g_bytes_get_size (upload->package));
  json_object_set_string_member (receipt, "received_at", received_at);
  json_object_set_string_member (receipt, "unit_code", upload->unit->code);
  return _zicha_platform_sign_receipt (upload->server, receipt);
}

static void
verify_and_store (ZichaPlatformFeedbackUpload *upload)
{
  ZichaPlatformServer *self = upload->server;
  ZichaPackageLimits limits = *zicha_package_limits_default ();
  g_autoptr(ZichaFeedbackInfo) info = NULL;
  g_autoptr(ZichaPlatformFeedback) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) deadline = NULL;
  g_autofree char *received_at = NULL;
  g_autofree char *number = NULL;
  g_autofree char *package_sha256 = NULL;
  g_autofree char *receipt = NULL;
  ZichaPlatformFeedback feedback = { 0 };
  gboolean created = FALSE;
  gboolean late;

  limits.max_package_size = self->max_package_size;
  info = zicha_feedback_package_verify (upload->package, &limits, &error);
  if (info == NULL)
    {
      g_autoptr(JsonObject) extra = json_object_new ();

      if (g_error_matches (error, ZICHA_FEEDBACK_ERROR, ZICHA_FEEDBACK_ERROR_INVALID))
        {
          refuse_invalid (upload, error->message);
          return;
        }

      json_object_set_string_member (extra, "package_error",
                                     error->domain == ZICHA_PACKAGE_ERROR
                                     ? zicha_package_error_to_string (error->code) : "damaged");
      refuse (upload, "package_refused", error->message, "反馈包未通过校验，平台未接收。", extra);
      return;
    }

  if (!g_str_equal (info->notice_id, upload->notice_id))
    {
      refuse_invalid (upload, "feedback.notice_id is not the notice in the address");
      return;
    }
  if (!g_str_equal (info->feedback_uuid, upload->feedback_uuid))
    {
      refuse_invalid (upload, "feedback.feedback_uuid is not the UUID in the address");
      return;
    }
  if (!g_str_equal (info->unit_code, upload->unit->code))
    {
      refuse_invalid (upload, "feedback.unit_code is not the unit this token belongs to");
      return;
    }
  if (!g_str_equal (info->digest, upload->claimed_digest))
    {
      g_autoptr(JsonObject) extra = json_object_new ();
      g_autofree char *message = g_strdup_printf ("The feedback's digest is %s, not %s as " DIGEST_HEADER " says.",
                                                  info->digest, upload->claimed_digest);

      json_object_set_string_member (extra, "package_digest", info->digest);
      refuse (upload, "digest_mismatch", message, "反馈包的摘要与 " DIGEST_HEADER " 不一致。", extra);
      return;
    }

  /* On time: received by the deadline, by the platform's clock. */
  now = g_date_time_new_now_utc ();
  deadline = g_date_time_new_from_iso8601 (upload->deadline, NULL);
  late = deadline != NULL && g_date_time_compare (now, deadline) > 0;

  received_at = _zicha_platform_format_time (now);
  number = zicha_platform_receipt_number_new (now, &error);
  if (number == NULL)
    {
      upload->status = SOUP_STATUS_INTERNAL_SERVER_ERROR;
      upload->body = _zicha_platform_error_body ("internal_error", error->message,
                                                 "平台处理请求时出错，未保存任何内容。", NULL);
      return;
    }
  package_sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, upload->package);
  receipt = build_receipt (upload, info, number, received_at, late, package_sha256);

  feedback.unit_id = upload->unit->id;
  feedback.notice_id = info->notice_id;
  feedback.feedback_uuid = info->feedback_uuid;
  feedback.digest = info->digest;
  feedback.rectified = info->rectified;
  feedback.received_at = received_at;
  feedback.late = late;
  feedback.package_sha256 = package_sha256;
  feedback.receipt_number = number;
  feedback.receipt = receipt;

  stored = zicha_platform_storage_add_feedback (self->storage, &feedback, upload->package, &created, &error);
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
          g_message ("Storing feedback %s failed: %s", upload->feedback_uuid, error->message);
          upload->status = SOUP_STATUS_INTERNAL_SERVER_ERROR;
          upload->body = _zicha_platform_error_body ("internal_error",
                                                     "The platform failed to handle the request; nothing was stored.",
                                                     "平台处理请求时出错，未保存任何内容。", NULL);
        }
      return;
    }

  if (created)
    {
      upload->status = SOUP_STATUS_CREATED;
      upload->location = receipt_location (stored->notice_id, stored->feedback_uuid);
      upload->body = g_strdup (stored->receipt);
    }
  else if (g_str_equal (stored->digest, upload->claimed_digest) && g_str_equal (stored->notice_id, upload->notice_id))
    {
      upload->status = SOUP_STATUS_OK;
      upload->body = g_strdup (stored->receipt);
    }
  else
    {
      upload->status = SOUP_STATUS_CONFLICT;
      upload->body = conflict_body (stored->digest);
    }

  g_debug ("%s feedback %s from %s: %u", created ? "Accepted" : "Already had", info->feedback_uuid,
           upload->unit->code, upload->status);
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

static void
upload_answered (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ZichaPlatformFeedbackUpload *upload = g_task_get_task_data (G_TASK (result));
  SoupServerMessage *msg = upload->msg;

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
_zicha_platform_feedback_put (ZichaPlatformServer      *self,
                              SoupServerMessage        *msg,
                              const ZichaPlatformRoute *route,
                              const ZichaPlatformUnit  *unit)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  ZichaPlatformFeedbackUpload *upload = g_new0 (ZichaPlatformFeedbackUpload, 1);
  g_autoptr(ZichaPlatformNotice) notice = NULL;
  g_autoptr(GDateTime) detected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;

  /* The deadline, as GET /notices shows it. */
  notice = zicha_platform_storage_get_notice (self->storage, unit->id, route->first, &error);
  if (notice != NULL && (detected = g_date_time_new_from_iso8601 (notice->detected_at, NULL)) != NULL)
    {
      g_autoptr(GDateTime) deadline = g_date_time_add_hours (detected, ZICHA_NOTICE_DEADLINE_HOURS);

      upload->deadline = _zicha_platform_format_time (deadline);
    }

  upload->server = g_object_ref (self);
  upload->msg = g_object_ref (msg);
  upload->unit = zicha_platform_unit_copy (unit);
  upload->notice_id = g_strdup (route->first);
  upload->feedback_uuid = g_strdup (route->second);
  upload->claimed_digest = g_strdup (soup_message_headers_get_one (headers, DIGEST_HEADER));
  upload->package = soup_message_body_flatten (soup_server_message_get_request_body (msg));

  soup_server_message_pause (msg);

  task = g_task_new (self, NULL, upload_answered, NULL);
  g_task_set_source_tag (task, _zicha_platform_feedback_put);
  g_task_set_task_data (task, upload, upload_free);
  g_task_run_in_thread (task, upload_in_thread);
}

/* GET …/receipt -------------------------------------------------------------- */

void
_zicha_platform_feedback_get_receipt (ZichaPlatformServer      *self,
                                      SoupServerMessage        *msg,
                                      const ZichaPlatformRoute *route,
                                      const ZichaPlatformUnit  *unit)
{
  g_autoptr(ZichaPlatformFeedback) feedback = NULL;
  g_autoptr(GError) error = NULL;

  feedback = zicha_platform_storage_get_feedback (self->storage, unit->id, route->second, &error);
  if (feedback != NULL && g_str_equal (feedback->notice_id, route->first))
    _zicha_platform_reply_json (msg, SOUP_STATUS_OK, feedback->receipt);
  else if (feedback != NULL ||
           g_error_matches (error, ZICHA_PLATFORM_STORAGE_ERROR, ZICHA_PLATFORM_STORAGE_ERROR_NOT_FOUND))
    reply_not_found (msg);
  else
    _zicha_platform_reply_storage_error (msg, error);
}
