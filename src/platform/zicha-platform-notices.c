/* zicha-platform-notices.c — GET /api/v1/notices and /notices/{id}
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/platform-api.md, "Threat notices". The deadline is the platform's
 * detection time plus 72 hours, computed here so every client shows the
 * same one. Feedback is in zicha-platform-feedback.c.
 */
#define G_LOG_DOMAIN "zicha-platform"

#include "config.h"

#include <string.h>

#include "zicha-canonical-json.h"
#include "zicha-platform-server-private.h"

#define MAX_NOTICES_PER_RESPONSE 500u
#define MAX_QUERY_LENGTH 64
#define DEADLINE_HOURS 72

static JsonNode *
notice_to_json (const ZichaPlatformNotice *notice)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  g_autoptr(GDateTime) detected = g_date_time_new_from_iso8601 (notice->detected_at, NULL);
  g_autoptr(GDateTime) deadline = NULL;
  g_autofree char *deadline_text = NULL;

  if (detected != NULL)
    {
      deadline = g_date_time_add_hours (detected, DEADLINE_HOURS);
      deadline_text = _zicha_platform_format_time (deadline);
    }

  json_object_set_string_member (object, "deadline", deadline_text);
  json_object_set_string_member (object, "description", notice->description);
  json_object_set_string_member (object, "detected_at", notice->detected_at);
  json_object_set_string_member (object, "id", notice->id);
  json_object_set_string_member (object, "severity", notice->severity);
  json_object_set_string_member (object, "state", notice->state);
  json_object_set_string_member (object, "target", notice->target);
  json_object_set_string_member (object, "type", notice->type);
  json_object_set_string_member (object, "updated_at", notice->updated_at);
  json_node_take_object (node, object);
  return node;
}

/* "since" as the storage compares it, or NULL when absent; FALSE when it
 * replied 400. */
static gboolean
parse_since (SoupServerMessage  *msg,
             char              **since)
{
  GUri *uri = soup_server_message_get_uri (msg);
  const char *query = g_uri_get_query (uri);
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GDateTime) time = NULL;
  const char *value;

  *since = NULL;
  if (query == NULL)
    return TRUE;

  params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL);
  value = params != NULL ? g_hash_table_lookup (params, "since") : NULL;
  if (params != NULL && value == NULL)
    return TRUE;

  if (value != NULL && strlen (value) <= MAX_QUERY_LENGTH && g_str_has_suffix (value, "Z"))
    time = g_date_time_new_from_iso8601 (value, NULL);

  if (time == NULL)
    {
      g_autoptr(JsonObject) extra = json_object_new ();
      g_autofree char *body = NULL;

      json_object_set_string_member (extra, "parameter", "since");
      body = _zicha_platform_error_body ("invalid_query",
                                         "“since” must be a time in ISO 8601 UTC, e.g. 2019-07-09T09:30:00Z.",
                                         "参数 since 须为 ISO 8601 UTC 时间，例如 2019-07-09T09:30:00Z。",
                                         extra);
      _zicha_platform_reply_json (msg, SOUP_STATUS_BAD_REQUEST, body);
      return FALSE;
    }

  *since = _zicha_platform_format_time (time);
  return TRUE;
}

void
_zicha_platform_notices_list (ZichaPlatformServer      *self,
                              SoupServerMessage        *msg,
                              const ZichaPlatformUnit  *unit)
{
  g_autoptr(GPtrArray) notices = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *since = NULL;
  g_autofree char *server_time = _zicha_platform_format_time (now);
  g_autofree char *body = NULL;
  JsonObject *object = json_object_new ();
  JsonArray *array = json_array_new ();
  gboolean more;

  json_node_take_object (root, object);
  if (!parse_since (msg, &since))
    return;

  /* One more than a page tells whether there are more. */
  notices = zicha_platform_storage_list_notices (self->storage, unit->id, since, MAX_NOTICES_PER_RESPONSE + 1, &error);
  if (notices == NULL)
    {
      json_array_unref (array);
      _zicha_platform_reply_storage_error (msg, error);
      return;
    }

  more = notices->len > MAX_NOTICES_PER_RESPONSE;
  for (guint i = 0; i < MIN (notices->len, MAX_NOTICES_PER_RESPONSE); i++)
    json_array_add_element (array, notice_to_json (notices->pdata[i]));

  json_object_set_boolean_member (object, "more", more);
  json_object_set_array_member (object, "notices", array);
  json_object_set_string_member (object, "server_time", server_time);
  json_object_set_string_member (object, "unit_code", unit->code);
  body = zicha_canonical_json_to_string (root);
  _zicha_platform_reply_json (msg, SOUP_STATUS_OK, body);
}

void
_zicha_platform_notices_get (ZichaPlatformServer      *self,
                             SoupServerMessage        *msg,
                             const ZichaPlatformRoute *route,
                             const ZichaPlatformUnit  *unit)
{
  g_autoptr(GPtrArray) notices = NULL;
  g_autoptr(GError) error = NULL;

  /* A unit has a handful of notices: reading them all is cheap. */
  notices = zicha_platform_storage_list_notices (self->storage, unit->id, NULL, G_MAXUINT, &error);
  if (notices == NULL)
    {
      _zicha_platform_reply_storage_error (msg, error);
      return;
    }

  for (guint i = 0; i < notices->len; i++)
    {
      const ZichaPlatformNotice *notice = notices->pdata[i];

      if (g_str_equal (notice->id, route->first))
        {
          g_autoptr(JsonNode) node = notice_to_json (notice);
          g_autofree char *body = zicha_canonical_json_to_string (node);

          _zicha_platform_reply_json (msg, SOUP_STATUS_OK, body);
          return;
        }
    }

  _zicha_platform_reply_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", "There is nothing here.", "未找到请求的内容。");
}
