/* zicha-form.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "zicha-form"

#include <stdio.h>
#include <string.h>

#include "zicha-data-dir.h"
#include "zicha-form-private.h"

G_DEFINE_FINAL_TYPE (ZichaForm, zicha_form, G_TYPE_OBJECT)

static void
zicha_form_finalize (GObject *object)
{
  ZichaForm *self = ZICHA_FORM (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, zicha_localized_text_unref);
  g_clear_pointer (&self->campaign_name, zicha_localized_text_unref);
  g_clear_pointer (&self->deadline, g_free);
  g_clear_pointer (&self->addressee, zicha_localized_text_unref);
  g_clear_pointer (&self->notice, zicha_localized_text_unref);
  g_clear_pointer (&self->platform_url, g_free);
  g_clear_pointer (&self->items_by_path, g_hash_table_unref);
  g_clear_pointer (&self->rules_by_id, g_hash_table_unref);
  g_clear_pointer (&self->all_items, g_ptr_array_unref);
  /* Rules and sections last: conditions and the tables above borrow
   * their items. */
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_clear_pointer (&self->sections, g_ptr_array_unref);

  G_OBJECT_CLASS (zicha_form_parent_class)->finalize (object);
}

static void
zicha_form_class_init (ZichaFormClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zicha_form_finalize;
}

static void
zicha_form_init (ZichaForm *self)
{
  g_date_clear (&self->deadline_date, 1);
  self->sections = g_ptr_array_new_with_free_func (g_object_unref);
  self->rules = g_ptr_array_new_with_free_func (g_object_unref);
  self->all_items = g_ptr_array_new ();
  self->items_by_path = g_hash_table_new (g_str_hash, g_str_equal);
  self->rules_by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

ZichaForm *
zicha_form_new (void)
{
  return g_object_new (ZICHA_TYPE_FORM, NULL);
}

/* Loading ----------------------------------------------------------------- */

/* json-glib says "<data>:4:3: Parse error: …"; we say "ORIGIN:4:3: …"
 * for a file and "4:3: …" otherwise. */
static void
set_syntax_error (GError     **error,
                  const char  *origin,
                  const GError *parse_error)
{
  const char *message = parse_error->message;
  const char *position = message;
  unsigned int line, column;
  int consumed = 0;

  if (g_str_has_prefix (message, "<data>:"))
    position = message + strlen ("<data>:");

  if (sscanf (position, "%u:%u:%n", &line, &column, &consumed) == 2 && consumed > 0)
    {
      const char *rest = position + consumed;

      while (*rest == ' ')
        rest++;

      if (origin != NULL)
        g_set_error (error, ZICHA_FORM_ERROR, ZICHA_FORM_ERROR_SYNTAX,
                     "%s:%u:%u: %s", origin, line, column, rest);
      else
        g_set_error (error, ZICHA_FORM_ERROR, ZICHA_FORM_ERROR_SYNTAX,
                     "%u:%u: %s", line, column, rest);
      return;
    }

  /* No position (e.g. not UTF-8). */
  if (origin != NULL)
    g_set_error (error, ZICHA_FORM_ERROR, ZICHA_FORM_ERROR_SYNTAX,
                 "%s: %s", origin, message);
  else
    g_set_error_literal (error, ZICHA_FORM_ERROR, ZICHA_FORM_ERROR_SYNTAX, message);
}

static ZichaForm *
load_from_data (const char  *data,
                gssize       length,
                const char  *origin,
                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(ZichaForm) form = NULL;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, data, length, &parse_error))
    {
      set_syntax_error (error, origin, parse_error);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error (error, ZICHA_FORM_ERROR, ZICHA_FORM_ERROR_SYNTAX,
                   "%s%s1:1: the document is empty",
                   origin != NULL ? origin : "", origin != NULL ? ":" : "");
      return NULL;
    }

  form = zicha_form_new ();
  if (!zicha_form_loader_load (form, root, error))
    {
      if (origin != NULL)
        g_prefix_error (error, "%s: ", origin);
      return NULL;
    }

  return g_steal_pointer (&form);
}

ZichaForm *
zicha_form_new_from_file (const char  *path,
                          GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  return load_from_data (contents, (gssize) length, path, error);
}

ZichaForm *
zicha_form_new_from_bytes (GBytes  *bytes,
                           GError **error)
{
  gsize length = 0;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  return load_from_data (data != NULL ? data : "", (gssize) length, NULL, error);
}

ZichaForm *
zicha_form_new_from_string (const char  *text,
                            gssize       length,
                            GError     **error)
{
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_from_data (text, length, NULL, error);
}

char *
zicha_form_default_path (void)
{
  return zicha_data_dir_find_file ("forms", ZICHA_FORM_DEFAULT_FILE_NAME);
}

/* Field paths ------------------------------------------------------------- */

gboolean
zicha_form_is_identifier (const char *text)
{
  if (text == NULL || !g_ascii_islower (text[0]))
    return FALSE;

  for (const char *p = text + 1; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_')
      return FALSE;

  return TRUE;
}

static gboolean
is_row_id (const char *text,
           gsize       length)
{
  /* Anything a row id could be: UUID characters, no brackets or dots. */
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isxdigit (text[i]) && text[i] != '-')
      return FALSE;

  return TRUE;
}

gboolean
zicha_form_split_path (const char  *path,
                       char       **section,
                       char       **item,
                       char       **row,
                       char       **column)
{
  g_autofree char *section_id = NULL;
  g_autofree char *item_id = NULL;
  g_autofree char *row_id = NULL;
  g_autofree char *column_id = NULL;
  const char *dot;
  const char *open;

  if (path == NULL)
    return FALSE;

  dot = strchr (path, '.');
  if (dot == NULL)
    return FALSE;
  section_id = g_strndup (path, (gsize) (dot - path));

  open = strchr (dot + 1, '[');
  if (open == NULL)
    item_id = g_strdup (dot + 1);
  else
    {
      const char *close = strchr (open, ']');

      if (close == NULL || close[1] != '.' || !is_row_id (open + 1, (gsize) (close - open - 1)))
        return FALSE;

      item_id = g_strndup (dot + 1, (gsize) (open - dot - 1));
      row_id = g_strndup (open + 1, (gsize) (close - open - 1));
      column_id = g_strdup (close + 2);
      if (!zicha_form_is_identifier (column_id))
        return FALSE;
    }

  if (!zicha_form_is_identifier (section_id) || !zicha_form_is_identifier (item_id))
    return FALSE;

  if (section != NULL)
    *section = g_steal_pointer (&section_id);
  if (item != NULL)
    *item = g_steal_pointer (&item_id);
  if (row != NULL)
    *row = g_steal_pointer (&row_id);
  if (column != NULL)
    *column = g_steal_pointer (&column_id);

  return TRUE;
}

ZichaFormItem *
zicha_form_lookup_item (ZichaForm   *form,
                        const char  *path,
                        char       **row_id)
{
  g_autofree char *section = NULL;
  g_autofree char *item = NULL;
  g_autofree char *row = NULL;
  g_autofree char *column = NULL;
  g_autofree char *key = NULL;
  ZichaFormItem *found;

  g_return_val_if_fail (ZICHA_IS_FORM (form), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (row_id != NULL)
    *row_id = NULL;

  if (!zicha_form_split_path (path, &section, &item, &row, &column))
    return NULL;

  if (column == NULL)
    return g_hash_table_lookup (form->items_by_path, path);

  key = g_strdup_printf ("%s.%s[].%s", section, item, column);
  found = g_hash_table_lookup (form->items_by_path, key);
  if (found != NULL && row_id != NULL && *row != '\0')
    *row_id = g_steal_pointer (&row);

  return found;
}

/* Accessors --------------------------------------------------------------- */

const char *
zicha_form_get_id (ZichaForm *form)
{
  g_return_val_if_fail (ZICHA_IS_FORM (form), NULL);

  return form->id;
}

guint
zicha_form_get_version (ZichaForm *form)
{
  g_return_val_if_fail (ZICHA_IS_FORM (form), 0);

  return form->version;
}

const ZichaLocalizedText *
zicha_form_get_title (ZichaForm *form)
{
  g_return_val_if_fail (ZICHA_IS_FORM (form), NULL);

  return form->title;
}

const ZichaLocalizedText *
zicha_form_get_campaign_name (ZichaForm *form)
{
  g_return_val_if_fail (ZICHA_IS_FORM (form), NULL);

  return form->campaign_name;
}

guint
zicha_form_get_campaign_year (ZichaForm *form)
{
  g_return_val_if_fail (ZICHA_IS_FORM (form), 0);

  return form->campaign_year;
}

const char *
zicha_form_get_deadline (ZichaForm *form)
{
  g_return_val_if_fail (ZICHA_IS_FORM (form), NULL);

  return form->deadline;
}

void
zicha_form_get_deadline_date (ZichaForm *form,
                              GDate     *date)
{
  g_return_if_fail (ZICHA_IS_FORM (form));
  g_return_if_fail (date != NULL);

  *date = form->deadline_date;
}

const ZichaLocalizedText *
zicha_form_get_addressee (ZichaForm *form)
{
  g_return_val_if_fail (ZICHA_IS_FORM (form), NULL);

  return form->addressee;
}

const ZichaLocalizedText *
zicha_form_get_notice (ZichaForm *form)
{
  g_return_val_if_fail (ZICHA_IS_FORM (form), NULL);

  return form->notice;
}

const char *
zicha_form_get_platform_url (ZichaForm *form)
{
  g_return_val_if_fail (ZICHA_IS_FORM (form), NULL);

  return form->platform_url;
}

ZichaFormItem *
zicha_form_get_report_date_item (ZichaForm *form)
{
  g_return_val_if_fail (ZICHA_IS_FORM (form), NULL);

  return form->report_date_item;
}

guint
zicha_form_get_n_sections (ZichaForm *form)
{
  g_return_val_if_fail (ZICHA_IS_FORM (form), 0);

  return form->sections->len;
}

ZichaFormSection *
zicha_form_get_section (ZichaForm *form,
                        guint      index)
{
  g_return_val_if_fail (ZICHA_IS_FORM (form), NULL);
  g_return_val_if_fail (index < form->sections->len, NULL);

  return g_ptr_array_index (form->sections, index);
}

ZichaFormSection *
zicha_form_lookup_section (ZichaForm  *form,
                           const char *id)
{
  g_return_val_if_fail (ZICHA_IS_FORM (form), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < form->sections->len; i++)
    {
      ZichaFormSection *section = g_ptr_array_index (form->sections, i);

      if (g_str_equal (zicha_form_section_get_id (section), id))
        return section;
    }

  return NULL;
}

guint
zicha_form_get_n_rules (ZichaForm *form)
{
  g_return_val_if_fail (ZICHA_IS_FORM (form), 0);

  return form->rules->len;
}

ZichaFormRule *
zicha_form_get_rule (ZichaForm *form,
                     guint      index)
{
  g_return_val_if_fail (ZICHA_IS_FORM (form), NULL);
  g_return_val_if_fail (index < form->rules->len, NULL);

  return g_ptr_array_index (form->rules, index);
}

ZichaFormRule *
zicha_form_lookup_rule (ZichaForm  *form,
                        const char *id)
{
  g_return_val_if_fail (ZICHA_IS_FORM (form), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (form->rules_by_id, id);
}

guint
zicha_form_get_n_all_items (ZichaForm *form)
{
  g_return_val_if_fail (ZICHA_IS_FORM (form), 0);

  return form->all_items->len;
}

ZichaFormItem *
zicha_form_get_all_item (ZichaForm *form,
                         guint      index)
{
  g_return_val_if_fail (ZICHA_IS_FORM (form), NULL);
  g_return_val_if_fail (index < form->all_items->len, NULL);

  return g_ptr_array_index (form->all_items, index);
}
