/* zicha-platform-upload.c — the idempotent PUT of a package, shared by
 * reports and feedback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * From the headers, what was received before is answered (200 with its
 * receipt, or 409) and everything else refused before the body is read;
 * the body is then verified and stored on a worker thread by the kind's
 * callback, and the answer applied to the message on the main thread.
 */
#define G_LOG_DOMAIN "zicha-platform"

#include "config.h"

#include <string.h>

#include "zicha-digest.h"
#include "zicha-package-verify.h"
#include "zicha-platform-random.h"
#include "zicha-platform-upload.h"

#define DIGEST_HEADER ZICHA_PLATFORM_DIGEST_HEADER
#define FINISHED_KEY "zicha-platform-finished"
#define BODY_KEY "zicha-platform-body"
/* The most allocated for a body before its bytes arrive. */
#define BODY_PREALLOCATION (8 * 1024 * 1024)

static void
upload_free (gpointer data)
{
  ZichaPlatformUpload *upload = data;

  g_clear_object (&upload->server);
  g_clear_object (&upload->msg);
  zicha_platform_unit_free (upload->unit);
  g_free (upload->first);
  g_free (upload->second);
  g_free (upload->claimed_digest);
  g_clear_pointer (&upload->package, g_bytes_unref);
  if (upload->data_free != NULL)
    g_clear_pointer (&upload->data, upload->data_free);
  g_free (upload->body);
  g_free (upload->location);
  g_free (upload);
}

/* From the headers ---------------------------------------------------------- */

/* The response was sent, or the client went away: either way the message
 * takes no answer any more. */
static void
upload_finished (SoupServerMessage *msg,
                 gpointer           user_data)
{
  g_object_set_data (G_OBJECT (msg), FINISHED_KEY, GINT_TO_POINTER (TRUE));
  _zicha_platform_server_upload_done (ZICHA_PLATFORM_SERVER (user_data));
}

/* A request body as it arrives. It grows by doubling but never past the
 * Content-Length (libsoup delivers no more than that), so a package takes
 * its own size, not the next power of two, and a client cannot make the
 * server reserve more than it then sends beyond BODY_PREALLOCATION. */
typedef struct
{
  guint8 *data;
  gsize   length;
  gsize   capacity;
  gsize   expected;  /* Content-Length */
} Body;

static void
body_free (Body *body)
{
  g_free (body->data);
  g_free (body);
}

static void
got_chunk (SoupServerMessage *msg,
           GBytes            *chunk,
           gpointer           user_data)
{
  Body *body = user_data;
  gsize size;
  const guint8 *data = g_bytes_get_data (chunk, &size);

  if (size > body->capacity - body->length)
    {
      gsize needed = body->length + size;

      body->capacity = MAX (MIN (MAX (body->capacity * 2, needed), body->expected), needed);
      body->data = g_realloc (body->data, body->capacity);
    }
  memcpy (body->data + body->length, data, size);
  body->length += size;
}

/* The accepted body goes straight into one buffer: libsoup would keep
 * its chunks and, once the body is in, a flattened copy of them besides,
 * twice the package in memory. */
static void
receive_body (SoupServerMessage *msg,
              goffset            length)
{
  Body *body = g_new0 (Body, 1);

  body->expected = (gsize) length;
  body->capacity = MIN (body->expected, BODY_PREALLOCATION);
  body->data = g_malloc (MAX (body->capacity, 1));
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  g_object_set_data_full (G_OBJECT (msg), BODY_KEY, body, (GDestroyNotify) body_free);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk), body);
}

gboolean
_zicha_platform_upload_check_put (ZichaPlatformServer           *self,
                                  SoupServerMessage             *msg,
                                  const ZichaPlatformUploadKind *kind,
                                  const ZichaPlatformRoute      *route,
                                  const ZichaPlatformUnit       *unit)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autofree char *media_type = NULL;
  const char *digest;
  goffset length;

  if (soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH)
    {
      _zicha_platform_reply_error (msg, SOUP_STATUS_LENGTH_REQUIRED, "length_required",
                                   kind->length_required_message,
                                   "请求须带有 Content-Length 头，不接受分块传输。");
      return FALSE;
    }

  length = soup_message_headers_get_content_length (headers);
  if (length < 0 || (guint64) length > self->max_package_size)
    {
      g_autoptr(JsonObject) extra = json_object_new ();
      g_autofree char *message = g_strdup_printf ("The package is larger than the limit of %" G_GSIZE_FORMAT " bytes.",
                                                  self->max_package_size);
      g_autofree char *message_zh = g_strdup_printf ("%s超过 %" G_GSIZE_FORMAT " 字节的上限。",
                                                     kind->too_large_noun_zh, self->max_package_size);
      g_autofree char *body = NULL;

      json_object_set_int_member (extra, "limit", self->max_package_size);
      body = _zicha_platform_error_body ("too_large", message, message_zh, extra);
      _zicha_platform_reply_json (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, body);
      /* The body that follows is not wanted. */
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
      return FALSE;
    }

  media_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));
  if (media_type == NULL || g_ascii_strcasecmp (media_type, kind->media_type) != 0)
    {
      g_autoptr(JsonObject) extra = json_object_new ();
      g_autofree char *body = NULL;

      json_object_set_string_member (extra, "expected", kind->media_type);
      body = _zicha_platform_error_body ("unsupported_media_type",
                                         kind->media_type_message, kind->media_type_message_zh, extra);
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

  if (!kind->check_existing (self, msg, route, unit, digest))
    return FALSE;

  if (self->n_uploads >= self->max_uploads)
    {
      _zicha_platform_reply_retry (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "unavailable", 5,
                                   kind->busy_message, kind->busy_message_zh);
      return FALSE;
    }

  self->n_uploads++;
  g_signal_connect_data (msg, "finished", G_CALLBACK (upload_finished),
                         g_object_ref (self), (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  receive_body (msg, length);
  return TRUE;
}

/* On a worker thread -------------------------------------------------------- */

void
_zicha_platform_upload_refuse (ZichaPlatformUpload *upload,
                               const char          *code,
                               const char          *message,
                               const char          *message_zh,
                               JsonObject          *extra)
{
  upload->status = SOUP_STATUS_UNPROCESSABLE_ENTITY;
  upload->body = _zicha_platform_error_body (code, message, message_zh, extra);
}

void
_zicha_platform_upload_refuse_package (ZichaPlatformUpload *upload,
                                       const GError        *error,
                                       const char          *message_zh)
{
  g_autoptr(JsonObject) extra = json_object_new ();

  json_object_set_string_member (extra, "package_error",
                                 error->domain == ZICHA_PACKAGE_ERROR
                                 ? zicha_package_error_to_string (error->code) : "damaged");
  _zicha_platform_upload_refuse (upload, "package_refused", error->message, message_zh, extra);
}

void
_zicha_platform_upload_refuse_digest (ZichaPlatformUpload *upload,
                                      const char          *noun,
                                      const char          *digest,
                                      const char          *message_zh)
{
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autofree char *message = g_strdup_printf ("The %s's digest is %s, not %s as " DIGEST_HEADER " says.",
                                              noun, digest, upload->claimed_digest);

  json_object_set_string_member (extra, "package_digest", digest);
  _zicha_platform_upload_refuse (upload, "digest_mismatch", message, message_zh, extra);
}

gboolean
_zicha_platform_upload_prepare (ZichaPlatformUpload  *upload,
                                GDateTime            *now,
                                char                **number,
                                char                **package_sha256)
{
  g_autoptr(GError) error = NULL;

  *number = zicha_platform_receipt_number_new (now, &error);
  if (*number == NULL)
    {
      upload->status = SOUP_STATUS_INTERNAL_SERVER_ERROR;
      upload->body = _zicha_platform_error_body ("internal_error", error->message,
                                                 "平台处理请求时出错，未保存任何内容。", NULL);
      return FALSE;
    }
  *package_sha256 = zicha_sha256_hex_for_bytes (upload->package);
  return TRUE;
}

void
_zicha_platform_upload_store_failed (ZichaPlatformUpload *upload,
                                     const GError        *error,
                                     const char          *what)
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
      g_message ("Storing %s failed: %s", what, error->message);
      upload->status = SOUP_STATUS_INTERNAL_SERVER_ERROR;
      upload->body = _zicha_platform_error_body ("internal_error",
                                                 "The platform failed to handle the request; nothing was stored.",
                                                 "平台处理请求时出错，未保存任何内容。", NULL);
    }
}

void
_zicha_platform_upload_stored (ZichaPlatformUpload *upload,
                               gboolean             created,
                               gboolean             same,
                               const char          *stored_digest,
                               const char          *receipt,
                               char                *location)
{
  if (created)
    {
      upload->status = SOUP_STATUS_CREATED;
      upload->location = g_steal_pointer (&location);
      upload->body = g_strdup (receipt);
    }
  else if (same)
    {
      upload->status = SOUP_STATUS_OK;
      upload->body = g_strdup (receipt);
    }
  else
    {
      upload->status = SOUP_STATUS_CONFLICT;
      upload->body = upload->kind->conflict_body (stored_digest);
    }
  g_free (location);
}

static void
upload_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ZichaPlatformUpload *upload = task_data;

  upload->kind->verify_and_store (upload);
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
_zicha_platform_upload_put (ZichaPlatformServer           *self,
                            SoupServerMessage             *msg,
                            const ZichaPlatformUploadKind *kind,
                            const ZichaPlatformRoute      *route,
                            const ZichaPlatformUnit       *unit)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  ZichaPlatformUpload *upload = g_new0 (ZichaPlatformUpload, 1);
  g_autoptr(GTask) task = NULL;
  Body *body;

  upload->kind = kind;
  upload->server = g_object_ref (self);
  upload->msg = g_object_ref (msg);
  upload->unit = zicha_platform_unit_copy (unit);
  upload->first = g_strdup (route->first);
  upload->second = g_strdup (route->second);
  upload->claimed_digest = g_strdup (soup_message_headers_get_one (headers, DIGEST_HEADER));
  body = g_object_steal_data (G_OBJECT (msg), BODY_KEY);
  g_signal_handlers_disconnect_by_func (msg, got_chunk, body);
  upload->package = g_bytes_new_take (g_steal_pointer (&body->data), body->length);
  body_free (body);
  if (kind->prepare != NULL)
    upload->data = kind->prepare (self, route, unit, &upload->data_free);

  soup_server_message_pause (msg);

  task = g_task_new (self, NULL, upload_answered, NULL);
  g_task_set_source_tag (task, _zicha_platform_upload_put);
  g_task_set_task_data (task, upload, upload_free);
  g_task_run_in_thread (task, upload_in_thread);
}
