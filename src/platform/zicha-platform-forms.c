/* zicha-platform-forms.c — GET /api/v1/forms and /forms/{id}/{version}
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/platform-api.md, "Forms": the definitions the platform accepts
 * packages for, byte for byte as in their files.
 */
#define G_LOG_DOMAIN "zicha-platform"

#include "config.h"

#include "zicha-canonical-json.h"
#include "zicha-localized-text.h"
#include "zicha-platform-server-private.h"

void
_zicha_platform_forms_list (ZichaPlatformServer *self,
                            SoupServerMessage   *msg)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *body = NULL;
  JsonObject *object = json_object_new ();
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < self->forms->len; i++)
    {
      const ZichaPlatformForm *entry = self->forms->pdata[i];
      JsonObject *form = json_object_new ();
      const ZichaLocalizedText *title = zicha_form_get_title (entry->form);
      g_autofree char *url = g_strdup_printf ("/api/v1/forms/%s/%u", zicha_form_get_id (entry->form),
                                              zicha_form_get_version (entry->form));

      json_object_set_string_member (form, "id", zicha_form_get_id (entry->form));
      json_object_set_string_member (form, "sha256", entry->sha256);
      json_object_set_int_member (form, "size", g_bytes_get_size (entry->definition));
      json_object_set_string_member (form, "title", title != NULL ? zicha_localized_text_get_zh (title) : "");
      json_object_set_string_member (form, "url", url);
      json_object_set_int_member (form, "version", zicha_form_get_version (entry->form));
      json_array_add_object_element (array, form);
    }

  json_object_set_array_member (object, "forms", array);
  json_node_take_object (root, object);
  body = zicha_canonical_json_to_string (root);
  _zicha_platform_reply_json (msg, SOUP_STATUS_OK, body);
}

void
_zicha_platform_forms_get (ZichaPlatformServer      *self,
                           SoupServerMessage        *msg,
                           const ZichaPlatformRoute *route)
{
  for (guint i = 0; i < self->forms->len; i++)
    {
      const ZichaPlatformForm *entry = self->forms->pdata[i];
      g_autofree char *version = g_strdup_printf ("%u", zicha_form_get_version (entry->form));
      g_autofree char *etag = NULL;
      gsize size;
      const char *data;

      if (!g_str_equal (route->first, zicha_form_get_id (entry->form)) || !g_str_equal (route->second, version))
        continue;

      data = g_bytes_get_data (entry->definition, &size);
      etag = g_strdup_printf ("\"%s\"", entry->sha256);
      _zicha_platform_reply_bytes (msg, SOUP_STATUS_OK, "application/json", data, size);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag", etag);
      return;
    }

  _zicha_platform_reply_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", "There is nothing here.", "未找到请求的内容。");
}
