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
#include "zicha-feedback-package.h"
#include "zicha-notice.h"
#include "zicha-package-verify.h"
#include "zicha-platform-upload.h"

#define DIGEST_HEADER ZICHA_PLATFORM_DIGEST_HEADER

/* The deadline of the notice, as GET /notices shows it (ISO 8601 UTC), is
 * the upload's data. */

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

  json_node_take_object (receipt_node, receipt);
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

static gboolean
check_existing (ZichaPlatformServer      *self,
                SoupServerMessage        *msg,
                const ZichaPlatformRoute *route,
                const ZichaPlatformUnit  *unit,
                const char               *digest)
{
  g_autoptr(ZichaPlatformNotice) notice = NULL;
  g_autoptr(ZichaPlatformFeedback) existing = NULL;
  g_autoptr(GError) error = NULL;

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

  return TRUE;
}

/* On a worker thread -------------------------------------------------------- */

static void
refuse_invalid (ZichaPlatformUpload *upload,
                const char          *detail)
{
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autofree char *message = g_strdup_printf ("The feedback is not valid: %s.", detail);

  json_object_set_string_member (extra, "detail", detail);
  _zicha_platform_upload_refuse (upload, "invalid_feedback", message, "反馈内容不符合要求，平台未接收。", extra);
}

static char *
build_receipt (ZichaPlatformUpload      *upload,
               const ZichaFeedbackInfo *info,
               const char              *number,
               const char              *received_at,
               gboolean                 late,
               const char              *package_sha256)
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
verify_and_store (ZichaPlatformUpload *upload)
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
      if (g_error_matches (error, ZICHA_FEEDBACK_ERROR, ZICHA_FEEDBACK_ERROR_INVALID))
        {
          refuse_invalid (upload, error->message);
          return;
        }

      _zicha_platform_upload_refuse_package (upload, error, "反馈包未通过校验，平台未接收。");
      return;
    }

  if (!g_str_equal (info->notice_id, upload->first))
    {
      refuse_invalid (upload, "feedback.notice_id is not the notice in the address");
      return;
    }
  if (!g_str_equal (info->feedback_uuid, upload->second))
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
      _zicha_platform_upload_refuse_digest (upload, "feedback", info->digest,
                                            "反馈包的摘要与 " DIGEST_HEADER " 不一致。");
      return;
    }

  /* On time: received by the deadline, by the platform's clock. */
  now = g_date_time_new_now_utc ();
  deadline = g_date_time_new_from_iso8601 (upload->data, NULL);
  late = deadline != NULL && g_date_time_compare (now, deadline) > 0;

  received_at = _zicha_platform_format_time (now);
  if (!_zicha_platform_upload_prepare (upload, now, &number, &package_sha256))
    return;
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
      g_autofree char *what = g_strdup_printf ("feedback %s", upload->second);

      _zicha_platform_upload_store_failed (upload, error, what);
      return;
    }

  _zicha_platform_upload_stored (upload, created,
                                 g_str_equal (stored->digest, upload->claimed_digest) &&
                                 g_str_equal (stored->notice_id, upload->first),
                                 stored->digest, stored->receipt,
                                 receipt_location (stored->notice_id, stored->feedback_uuid));

  g_debug ("%s feedback %s from %s: %u", created ? "Accepted" : "Already had", info->feedback_uuid,
           upload->unit->code, upload->status);
}

/* The deadline, as GET /notices shows it. */
static gpointer
prepare (ZichaPlatformServer      *self,
         const ZichaPlatformRoute *route,
         const ZichaPlatformUnit  *unit,
         GDestroyNotify           *data_free)
{
  g_autoptr(ZichaPlatformNotice) notice = NULL;
  g_autoptr(GDateTime) detected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) deadline = NULL;

  *data_free = g_free;
  notice = zicha_platform_storage_get_notice (self->storage, unit->id, route->first, &error);
  if (notice == NULL || (detected = g_date_time_new_from_iso8601 (notice->detected_at, NULL)) == NULL)
    return NULL;

  deadline = g_date_time_add_hours (detected, ZICHA_NOTICE_DEADLINE_HOURS);
  return _zicha_platform_format_time (deadline);
}

const ZichaPlatformUploadKind _zicha_platform_feedback_upload = {
  .media_type = ZICHA_FEEDBACK_MEDIA_TYPE,
  .length_required_message = "Send the feedback with a Content-Length header, not in chunks.",
  .media_type_message = "Feedback is sent as Content-Type: " ZICHA_FEEDBACK_MEDIA_TYPE ".",
  .media_type_message_zh = "反馈须以 Content-Type: " ZICHA_FEEDBACK_MEDIA_TYPE " 提交。",
  .too_large_noun_zh = "反馈包",
  .busy_message = "The platform is receiving as many uploads as it can; try again shortly.",
  .busy_message_zh = "平台正在接收的内容已达上限，请稍后重试。",
  .conflict_body = conflict_body,
  .check_existing = check_existing,
  .prepare = prepare,
  .verify_and_store = verify_and_store,
};

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
