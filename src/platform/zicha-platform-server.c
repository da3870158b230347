/* zicha-platform-server.c — routing, authentication, rate limits, error
 * bodies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two SoupServer handlers see every request. The early one runs when the
 * headers are in, before the body: it refuses what can be refused from the
 * headers (a wrong method, no token, over the rate, too large, a delivery
 * already made) so that no body is kept for those — with "Expect:
 * 100-continue" none is even sent — and lets through only the uploads it
 * accepts. The normal one runs when the body is in and dispatches to the
 * endpoints (zicha-platform-reports.c, -notices.c, -forms.c).
 */
#define G_LOG_DOMAIN "zicha-platform"

#include "config.h"

#include <math.h>
#include <string.h>

#include "zicha-canonical-json.h"
#include "zicha-digest.h"
#include "zicha-package.h"
#include "zicha-platform-random.h"
#include "zicha-platform-server-private.h"
#include "zicha-platform-upload.h"

#define API_PREFIX "/api/v1/"
#define UNIT_KEY "zicha-platform-unit"

G_DEFINE_FINAL_TYPE (ZichaPlatformServer, zicha_platform_server, G_TYPE_OBJECT)

typedef struct
{
  double  tokens;
  gint64  updated;  /* monotonic µs */
} ZichaPlatformRateBucket;

static void
platform_form_free (gpointer data)
{
  ZichaPlatformForm *form = data;

  g_clear_object (&form->form);
  g_clear_pointer (&form->definition, g_bytes_unref);
  g_free (form->sha256);
  g_free (form);
}

static void
zicha_platform_server_dispose (GObject *object)
{
  ZichaPlatformServer *self = ZICHA_PLATFORM_SERVER (object);

  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);

  G_OBJECT_CLASS (zicha_platform_server_parent_class)->dispose (object);
}

static void
zicha_platform_server_finalize (GObject *object)
{
  ZichaPlatformServer *self = ZICHA_PLATFORM_SERVER (object);

  g_clear_object (&self->storage);
  g_clear_pointer (&self->forms, g_ptr_array_unref);
  g_clear_pointer (&self->form_objects, g_ptr_array_unref);
  g_clear_pointer (&self->receipt_key, g_bytes_unref);
  g_free (self->receipt_key_id);
  g_clear_pointer (&self->buckets, g_hash_table_unref);

  G_OBJECT_CLASS (zicha_platform_server_parent_class)->finalize (object);
}

static void
zicha_platform_server_class_init (ZichaPlatformServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = zicha_platform_server_dispose;
  object_class->finalize = zicha_platform_server_finalize;
}

static void
zicha_platform_server_init (ZichaPlatformServer *self)
{
  self->forms = g_ptr_array_new_with_free_func (platform_form_free);
  self->form_objects = g_ptr_array_new_with_free_func (g_object_unref);
  self->buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->rate_limit = ZICHA_PLATFORM_DEFAULT_RATE_LIMIT;
  self->max_package_size = ZICHA_PACKAGE_MAX_SIZE;
  self->max_uploads = ZICHA_PLATFORM_DEFAULT_MAX_UPLOADS;
}

/* Replies ------------------------------------------------------------------- */

char *
_zicha_platform_format_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

gboolean
_zicha_platform_is_uuid (const char *text)
{
  if (text == NULL || !g_uuid_string_is_valid (text))
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isupper (*p))
      return FALSE;

  return TRUE;
}

char *
_zicha_platform_error_body (const char  *code,
                            const char  *message,
                            const char  *message_zh,
                            JsonObject  *extra)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *outer = json_object_new ();
  JsonObject *inner = json_object_new ();

  json_object_set_string_member (inner, "code", code);
  json_object_set_string_member (inner, "message", message);
  json_object_set_string_member (inner, "message_zh", message_zh);
  if (extra != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (extra);

      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (inner, l->data, json_node_copy (json_object_get_member (extra, l->data)));
    }

  json_object_set_object_member (outer, "error", inner);
  json_node_take_object (root, outer);
  return zicha_canonical_json_to_string (root);
}

static void
set_common_headers (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = soup_date_time_to_string (now, SOUP_DATE_HTTP);

  /* Clients compute their clock offset from it: on every answer. */
  soup_message_headers_replace (headers, "Date", date);
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
}

void
_zicha_platform_reply_bytes (SoupServerMessage *msg,
                             guint              status,
                             const char        *content_type,
                             const char        *data,
                             gsize              size)
{
  set_common_headers (msg);
  soup_server_message_set_status (msg, status,
                                  status == ZICHA_PLATFORM_STATUS_TOO_MANY_REQUESTS ? "Too Many Requests" : NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, data, size);
}

void
_zicha_platform_reply_json (SoupServerMessage *msg,
                            guint              status,
                            const char        *json)
{
  _zicha_platform_reply_bytes (msg, status, "application/json; charset=utf-8", json, strlen (json));
}

void
_zicha_platform_reply_error (SoupServerMessage *msg,
                             guint              status,
                             const char        *code,
                             const char        *message,
                             const char        *message_zh)
{
  g_autofree char *body = _zicha_platform_error_body (code, message, message_zh, NULL);

  _zicha_platform_reply_json (msg, status, body);
}

void
_zicha_platform_reply_retry (SoupServerMessage *msg,
                             guint              status,
                             const char        *code,
                             guint              seconds,
                             const char        *message,
                             const char        *message_zh)
{
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autofree char *body = NULL;
  g_autofree char *retry_after = g_strdup_printf ("%u", seconds);

  json_object_set_int_member (extra, "retry_after", seconds);
  body = _zicha_platform_error_body (code, message, message_zh, extra);
  _zicha_platform_reply_json (msg, status, body);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", retry_after);
}

void
_zicha_platform_reply_internal (SoupServerMessage *msg,
                                const GError      *error)
{
  g_message ("%s %s: %s", soup_server_message_get_method (msg),
             g_uri_get_path (soup_server_message_get_uri (msg)), error->message);
  _zicha_platform_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal_error",
                               "The platform failed to handle the request; nothing was stored.",
                               "平台处理请求时出错，未保存任何内容。");
}

void
_zicha_platform_reply_storage_error (SoupServerMessage *msg,
                                     const GError      *error)
{
  if (g_error_matches (error, ZICHA_PLATFORM_STORAGE_ERROR, ZICHA_PLATFORM_STORAGE_ERROR_BUSY))
    _zicha_platform_reply_retry (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "unavailable", 5,
                                 "The platform is busy; nothing was stored. Try again shortly.",
                                 "平台繁忙，未保存任何内容，请稍后重试。");
  else
    _zicha_platform_reply_internal (msg, error);
}

static void
reply_not_found (SoupServerMessage *msg)
{
  _zicha_platform_reply_error (msg, SOUP_STATUS_NOT_FOUND, "not_found",
                               "There is nothing here.", "未找到请求的内容。");
}

/* Routing ------------------------------------------------------------------- */

static void
route_clear (ZichaPlatformRoute *route)
{
  g_clear_pointer (&route->first, g_free);
  g_clear_pointer (&route->second, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ZichaPlatformRoute, route_clear)

static void
parse_route (const char         *path,
             ZichaPlatformRoute *route)
{
  g_auto(GStrv) parts = NULL;
  guint n;

  route->kind = ZICHA_PLATFORM_ROUTE_NONE;
  if (path == NULL || !g_str_has_prefix (path, API_PREFIX))
    return;

  parts = g_strsplit (path + strlen (API_PREFIX), "/", 8);
  n = g_strv_length (parts);
  for (guint i = 0; i < n; i++)
    if (*parts[i] == '\0')
      return;  /* "//", a final "/" */

  if (n == 2 && g_str_equal (parts[0], "reports"))
    route->kind = ZICHA_PLATFORM_ROUTE_REPORT;
  else if (n == 3 && g_str_equal (parts[0], "reports") && g_str_equal (parts[2], "receipt"))
    route->kind = ZICHA_PLATFORM_ROUTE_REPORT_RECEIPT;
  else if (n == 1 && g_str_equal (parts[0], "notices"))
    route->kind = ZICHA_PLATFORM_ROUTE_NOTICES;
  else if (n == 2 && g_str_equal (parts[0], "notices"))
    route->kind = ZICHA_PLATFORM_ROUTE_NOTICE;
  else if (n == 4 && g_str_equal (parts[0], "notices") && g_str_equal (parts[2], "feedback"))
    route->kind = ZICHA_PLATFORM_ROUTE_FEEDBACK;
  else if (n == 5 && g_str_equal (parts[0], "notices") && g_str_equal (parts[2], "feedback") &&
           g_str_equal (parts[4], "receipt"))
    route->kind = ZICHA_PLATFORM_ROUTE_FEEDBACK_RECEIPT;
  else if (n == 1 && g_str_equal (parts[0], "forms"))
    route->kind = ZICHA_PLATFORM_ROUTE_FORMS;
  else if (n == 3 && g_str_equal (parts[0], "forms"))
    route->kind = ZICHA_PLATFORM_ROUTE_FORM;
  else
    return;

  if (n >= 2)
    route->first = g_strdup (parts[1]);
  if (route->kind == ZICHA_PLATFORM_ROUTE_FORM)
    route->second = g_strdup (parts[2]);
  else if (n >= 4)
    route->second = g_strdup (parts[3]);
}

static const char *
route_method (ZichaPlatformRouteKind kind)
{
  switch (kind)
    {
    case ZICHA_PLATFORM_ROUTE_REPORT:
    case ZICHA_PLATFORM_ROUTE_FEEDBACK:
      return SOUP_METHOD_PUT;
    case ZICHA_PLATFORM_ROUTE_NONE:
      return NULL;
    case ZICHA_PLATFORM_ROUTE_REPORT_RECEIPT:
    case ZICHA_PLATFORM_ROUTE_NOTICES:
    case ZICHA_PLATFORM_ROUTE_NOTICE:
    case ZICHA_PLATFORM_ROUTE_FEEDBACK_RECEIPT:
    case ZICHA_PLATFORM_ROUTE_FORMS:
    case ZICHA_PLATFORM_ROUTE_FORM:
    default:
      return SOUP_METHOD_GET;
    }
}

/* 404 for no route, 405 for another method; FALSE when it replied. */
static gboolean
check_route (SoupServerMessage        *msg,
             const ZichaPlatformRoute *route)
{
  const char *allowed = route_method (route->kind);
  g_autofree char *message = NULL;
  g_autofree char *message_zh = NULL;

  if (allowed == NULL)
    {
      reply_not_found (msg);
      return FALSE;
    }

  if (g_str_equal (soup_server_message_get_method (msg), allowed))
    return TRUE;

  message = g_strdup_printf ("This address takes %s only.", allowed);
  message_zh = g_strdup_printf ("此地址仅接受 %s 请求。", allowed);
  _zicha_platform_reply_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method_not_allowed", message, message_zh);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", allowed);
  return FALSE;
}

/* The UUIDs in the path; FALSE when it replied 400. */
static gboolean
check_route_ids (SoupServerMessage        *msg,
                 const ZichaPlatformRoute *route)
{
  gboolean valid = TRUE;

  switch (route->kind)
    {
    case ZICHA_PLATFORM_ROUTE_REPORT:
    case ZICHA_PLATFORM_ROUTE_REPORT_RECEIPT:
    case ZICHA_PLATFORM_ROUTE_NOTICE:
      valid = _zicha_platform_is_uuid (route->first);
      break;
    case ZICHA_PLATFORM_ROUTE_FEEDBACK:
    case ZICHA_PLATFORM_ROUTE_FEEDBACK_RECEIPT:
      valid = _zicha_platform_is_uuid (route->first) && _zicha_platform_is_uuid (route->second);
      break;
    case ZICHA_PLATFORM_ROUTE_NONE:
    case ZICHA_PLATFORM_ROUTE_NOTICES:
    case ZICHA_PLATFORM_ROUTE_FORMS:
    case ZICHA_PLATFORM_ROUTE_FORM:
    default:
      break;
    }

  if (!valid)
    _zicha_platform_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_uuid",
                                 "The address does not hold a valid lower-case UUID.",
                                 "地址中的 UUID 无效（须为小写 UUID）。");
  return valid;
}

/* Authentication and rate --------------------------------------------------- */

/* The unit of the request's token, or NULL when it replied (401, or 503 /
 * 500 when the storage failed). @token_hash gets the token's hash. */
static ZichaPlatformUnit *
authenticate (ZichaPlatformServer  *self,
              SoupServerMessage    *msg,
              char                **token_hash)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "Authorization");
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  ZichaPlatformUnit *unit = NULL;

  if (header != NULL && g_ascii_strncasecmp (header, "Bearer ", strlen ("Bearer ")) == 0)
    {
      const char *token = header + strlen ("Bearer ");

      while (*token == ' ')
        token++;
      if (zicha_platform_token_is_well_formed (token))
        {
          hash = zicha_platform_token_hash (token);
          unit = zicha_platform_storage_find_unit_by_token (self->storage, hash, &error);
          if (unit == NULL &&
              !g_error_matches (error, ZICHA_PLATFORM_STORAGE_ERROR, ZICHA_PLATFORM_STORAGE_ERROR_NOT_FOUND))
            {
              _zicha_platform_reply_storage_error (msg, error);
              return NULL;
            }
        }
    }

  if (unit == NULL)
    {
      _zicha_platform_reply_error (msg, SOUP_STATUS_UNAUTHORIZED, "unauthorized",
                                   "The request has no valid unit token.",
                                   "请求未携带有效的单位令牌。");
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "WWW-Authenticate", "Bearer realm=\"zicha\"");
      return NULL;
    }

  *token_hash = g_steal_pointer (&hash);
  return unit;
}

/* A token bucket per token: rate_limit requests at once, refilled at
 * rate_limit per minute. FALSE when it replied 429. */
static gboolean
take_rate (ZichaPlatformServer *self,
           SoupServerMessage   *msg,
           const char          *token_hash)
{
  ZichaPlatformRateBucket *bucket;
  gint64 now = g_get_monotonic_time ();
  double per_second;
  guint seconds;
  g_autofree char *message = NULL;
  g_autofree char *message_zh = NULL;

  if (self->rate_limit == 0)
    return TRUE;

  per_second = self->rate_limit / 60.0;
  bucket = g_hash_table_lookup (self->buckets, token_hash);
  if (bucket == NULL)
    {
      bucket = g_new0 (ZichaPlatformRateBucket, 1);
      bucket->tokens = self->rate_limit;
      bucket->updated = now;
      g_hash_table_insert (self->buckets, g_strdup (token_hash), bucket);
    }

  bucket->tokens = MIN ((double) self->rate_limit, bucket->tokens + (now - bucket->updated) / 1e6 * per_second);
  bucket->updated = now;

  if (bucket->tokens >= 1.0)
    {
      bucket->tokens -= 1.0;
      return TRUE;
    }

  seconds = MAX (1, (guint) ceil ((1.0 - bucket->tokens) / per_second));
  message = g_strdup_printf ("Too many requests; try again in %u seconds.", seconds);
  message_zh = g_strdup_printf ("请求过于频繁，请 %u 秒后重试。", seconds);
  _zicha_platform_reply_retry (msg, ZICHA_PLATFORM_STATUS_TOO_MANY_REQUESTS, "rate_limited", seconds, message, message_zh);
  return FALSE;
}

/* The handlers -------------------------------------------------------------- */

static void
discard_request_body (SoupServerMessage *msg)
{
  /* Read, but not kept: a refused upload costs no memory. */
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
}

/* What a PUT to @route uploads: feedback or a report. */
static const ZichaPlatformUploadKind *
upload_kind (const ZichaPlatformRoute *route)
{
  return route->kind == ZICHA_PLATFORM_ROUTE_FEEDBACK
         ? &_zicha_platform_feedback_upload : &_zicha_platform_report_upload;
}

/* When the headers are in: an upload is answered from its headers, or
 * its body is let in. */
static void
decide_early (ZichaPlatformServer *self,
              SoupServerMessage   *msg,
              const char          *path)
{
  g_auto(ZichaPlatformRoute) route = { 0 };
  g_autoptr(ZichaPlatformUnit) unit = NULL;
  g_autofree char *token_hash = NULL;

  if (soup_server_message_get_method (msg) != SOUP_METHOD_PUT)
    {
      /* Nothing else takes a body: whatever comes is not kept. The
       * normal handler answers. */
      discard_request_body (msg);
      return;
    }

  parse_route (path, &route);
  if (!check_route (msg, &route) ||
      (unit = authenticate (self, msg, &token_hash)) == NULL ||
      !take_rate (self, msg, token_hash) ||
      !check_route_ids (msg, &route))
    {
      discard_request_body (msg);
      return;
    }

  if (!_zicha_platform_upload_check_put (self, msg, upload_kind (&route), &route, unit))
    {
      discard_request_body (msg);
      return;
    }

  g_object_set_data_full (G_OBJECT (msg), UNIT_KEY, g_steal_pointer (&unit),
                          (GDestroyNotify) zicha_platform_unit_free);
}

static void
early_handler (SoupServer        *soup,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);

  decide_early (ZICHA_PLATFORM_SERVER (user_data), msg, path);

  /* Answered before a body the client holds back for "100 Continue": it
   * will never come, and a client cannot tell where the next request
   * would start. Close, as RFC 9110 §10.1.1 allows. */
  if (soup_server_message_get_status (msg) != 0 &&
      (soup_message_headers_get_expectations (request_headers) & SOUP_EXPECTATION_CONTINUE) != 0)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
}

/* When the body is in (skipped by libsoup when the early handler replied). */
static void
request_handler (SoupServer        *soup,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  ZichaPlatformServer *self = user_data;
  g_auto(ZichaPlatformRoute) route = { 0 };
  g_autoptr(ZichaPlatformUnit) unit = NULL;
  g_autofree char *token_hash = NULL;

  parse_route (path, &route);

  if (soup_server_message_get_method (msg) == SOUP_METHOD_PUT)
    {
      ZichaPlatformUnit *accepted = g_object_get_data (G_OBJECT (msg), UNIT_KEY);

      if (accepted == NULL ||
          (route.kind != ZICHA_PLATFORM_ROUTE_REPORT && route.kind != ZICHA_PLATFORM_ROUTE_FEEDBACK))
        {
          g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED,
                                                         "an upload the early handler did not accept");

          _zicha_platform_reply_internal (msg, error);
          return;
        }

      _zicha_platform_upload_put (self, msg, upload_kind (&route), &route, accepted);
      return;
    }

  if (!check_route (msg, &route) ||
      (unit = authenticate (self, msg, &token_hash)) == NULL ||
      !take_rate (self, msg, token_hash) ||
      !check_route_ids (msg, &route))
    return;

  switch (route.kind)
    {
    case ZICHA_PLATFORM_ROUTE_REPORT_RECEIPT:
      _zicha_platform_reports_get_receipt (self, msg, &route, unit);
      break;
    case ZICHA_PLATFORM_ROUTE_NOTICES:
      _zicha_platform_notices_list (self, msg, unit);
      break;
    case ZICHA_PLATFORM_ROUTE_NOTICE:
      _zicha_platform_notices_get (self, msg, &route, unit);
      break;
    case ZICHA_PLATFORM_ROUTE_FEEDBACK_RECEIPT:
      _zicha_platform_feedback_get_receipt (self, msg, &route, unit);
      break;
    case ZICHA_PLATFORM_ROUTE_FORMS:
      _zicha_platform_forms_list (self, msg);
      break;
    case ZICHA_PLATFORM_ROUTE_FORM:
      _zicha_platform_forms_get (self, msg, &route);
      break;
    case ZICHA_PLATFORM_ROUTE_NONE:
    case ZICHA_PLATFORM_ROUTE_REPORT:
    case ZICHA_PLATFORM_ROUTE_FEEDBACK:
    default:
      reply_not_found (msg);
      break;
    }
}

void
_zicha_platform_server_upload_done (ZichaPlatformServer *self)
{
  g_return_if_fail (self->n_uploads > 0);

  self->n_uploads--;
}

/* Setting up ---------------------------------------------------------------- */

static gboolean
load_forms (ZichaPlatformServer  *self,
            const char           *forms_dir,
            GError              **error)
{
  g_autoptr(GDir) dir = g_dir_open (forms_dir, 0, error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return FALSE;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (forms_dir, names->pdata[i], NULL);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(ZichaForm) form = NULL;
      g_autoptr(GFile) file = g_file_new_for_path (path);
      ZichaPlatformForm *entry;

      bytes = g_file_load_bytes (file, NULL, NULL, &local_error);
      if (bytes != NULL)
        form = zicha_form_new_from_bytes (bytes, &local_error);
      if (form == NULL)
        {
          g_message ("Not serving %s: %s", path, local_error->message);
          continue;
        }

      entry = g_new0 (ZichaPlatformForm, 1);
      entry->sha256 = zicha_sha256_hex_for_bytes (bytes);
      entry->definition = g_steal_pointer (&bytes);
      entry->form = g_object_ref (form);
      g_ptr_array_add (self->forms, entry);
      g_ptr_array_add (self->form_objects, g_steal_pointer (&form));
    }

  if (self->forms->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "There are no form definitions in %s.", forms_dir);
      return FALSE;
    }

  return TRUE;
}

ZichaPlatformServer *
zicha_platform_server_new (ZichaPlatformStorage  *storage,
                           const char            *forms_dir,
                           GError               **error)
{
  g_autoptr(ZichaPlatformServer) self = NULL;
  g_autofree char *key_hash = NULL;

  g_return_val_if_fail (ZICHA_IS_PLATFORM_STORAGE (storage), NULL);
  g_return_val_if_fail (forms_dir != NULL, NULL);

  self = g_object_new (ZICHA_TYPE_PLATFORM_SERVER, NULL);
  self->storage = g_object_ref (storage);

  self->receipt_key = zicha_platform_storage_get_receipt_key (storage, error);
  if (self->receipt_key == NULL)
    return NULL;
  key_hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, self->receipt_key);
  self->receipt_key_id = g_strndup (key_hash, 16);

  if (!load_forms (self, forms_dir, error))
    return NULL;

  return g_steal_pointer (&self);
}

void
zicha_platform_server_set_rate_limit (ZichaPlatformServer *self,
                                      guint                requests_per_minute)
{
  g_return_if_fail (ZICHA_IS_PLATFORM_SERVER (self));

  self->rate_limit = requests_per_minute;
  g_hash_table_remove_all (self->buckets);
}

void
zicha_platform_server_set_max_package_size (ZichaPlatformServer *self,
                                            gsize                max_size)
{
  g_return_if_fail (ZICHA_IS_PLATFORM_SERVER (self));
  g_return_if_fail (max_size > 0);

  self->max_package_size = max_size;
}

char *
zicha_platform_server_listen (ZichaPlatformServer  *self,
                              const char           *address,
                              guint                 port,
                              GTlsCertificate      *tls_certificate,
                              GError              **error)
{
  g_autoptr(GInetAddress) inet_address = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autofree char *server_header = g_strdup_printf ("zicha-platform/%s ", PACKAGE_VERSION);
  GSList *uris;
  GUri *uri;
  const char *host;
  char *base;

  g_return_val_if_fail (ZICHA_IS_PLATFORM_SERVER (self), NULL);
  g_return_val_if_fail (self->soup == NULL, NULL);

  inet_address = g_inet_address_new_from_string (address);
  if (inet_address == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "“%s” is not an IP address.", address);
      return NULL;
    }
  socket_address = g_inet_socket_address_new (inet_address, port);

  self->soup = soup_server_new ("server-header", server_header, NULL);
  if (tls_certificate != NULL)
    soup_server_set_tls_certificate (self->soup, tls_certificate);

  soup_server_add_early_handler (self->soup, NULL, early_handler, self, NULL);
  soup_server_add_handler (self->soup, NULL, request_handler, self, NULL);

  if (!soup_server_listen (self->soup, socket_address,
                           tls_certificate != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0, error))
    {
      g_clear_object (&self->soup);
      return NULL;
    }

  uris = soup_server_get_uris (self->soup);
  uri = uris->data;
  host = g_uri_get_host (uri);
  base = g_strdup_printf (strchr (host, ':') != NULL ? "%s://[%s]:%d" : "%s://%s:%d",
                          g_uri_get_scheme (uri), host, g_uri_get_port (uri));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return base;
}

void
zicha_platform_server_disconnect (ZichaPlatformServer *self)
{
  g_return_if_fail (ZICHA_IS_PLATFORM_SERVER (self));

  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
}
