/* zicha-form-loader.c — reads a form definition into a ZichaForm
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two passes. The first builds sections, items and columns and checks
 * everything that does not name another field. The second, with every
 * field known, parses conditions, constraints and rules, and finally
 * looks for cycles among "relevant" conditions. Every error names its
 * place by JSON path ("sections[2].items[5].type").
 */
#include "config.h"

#define G_LOG_DOMAIN "zicha-form"

#include "zicha-form-private.h"
#include "zicha-json-error.h"

typedef struct
{
  ZichaForm  *form;
  GHashTable *json_paths;   /* ZichaFormItem → "sections[i].items[j]…" */
} Loader;

/* Every loader error names where in the JSON it is. */
#define fail(error, code, json_path, ...) \
  zicha_json_error_set ((error), ZICHA_FORM_ERROR, (code), (json_path), __VA_ARGS__)

static char *
member_path (const char *parent,
             const char *name)
{
  if (parent == NULL || *parent == '\0')
    return g_strdup (name);

  return g_strconcat (parent, ".", name, NULL);
}

static char *
element_path (const char *parent,
              const char *name,
              guint       index)
{
  if (parent == NULL || *parent == '\0')
    return g_strdup_printf ("%s[%u]", name, index);

  return g_strdup_printf ("%s.%s[%u]", parent, name, index);
}

/* Members ----------------------------------------------------------------- */

/* @allowed: the members this object may have; @elsewhere: members valid
 * for other kinds of the same object, for a better message. */
static gboolean
check_members (JsonObject         *object,
               const char         *json_path,
               const char * const *allowed,
               const char * const *elsewhere,
               const char         *what,
               GError            **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      g_autofree char *path = NULL;

      if (g_str_equal (name, "comment") || g_strv_contains (allowed, name))
        continue;

      path = member_path (json_path, name);
      if (elsewhere != NULL && g_strv_contains (elsewhere, name))
        return fail (error, ZICHA_FORM_ERROR_INVALID, path,
                     "member \"%s\" does not apply to %s", name, what);

      return fail (error, ZICHA_FORM_ERROR_INVALID, path,
                   "unknown member \"%s\" in %s", name, what);
    }

  return TRUE;
}

static gboolean
is_string_node (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* Returns the member, NULL when absent. Absent and required → error. */
static JsonNode *
get_member (JsonObject  *object,
            const char  *name,
            const char  *json_path,
            gboolean     required,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL && required)
    {
      g_autofree char *path = member_path (json_path, name);

      fail (error, ZICHA_FORM_ERROR_INVALID, path, "missing member \"%s\"", name);
    }

  return node;
}

static gboolean
read_string (JsonObject   *object,
             const char   *name,
             const char   *json_path,
             gboolean      required,
             const char  **value,
             GError      **error)
{
  JsonNode *node = get_member (object, name, json_path, required, error);
  g_autofree char *path = member_path (json_path, name);

  *value = NULL;
  if (node == NULL)
    return !required;

  if (!is_string_node (node) || *json_node_get_string (node) == '\0')
    return fail (error, ZICHA_FORM_ERROR_INVALID, path, "\"%s\" must be a non-empty string", name);

  *value = json_node_get_string (node);
  return TRUE;
}

static gboolean
read_identifier (JsonObject   *object,
                 const char   *name,
                 const char   *json_path,
                 gboolean      required,
                 const char  **value,
                 GError      **error)
{
  g_autofree char *path = member_path (json_path, name);

  if (!read_string (object, name, json_path, required, value, error))
    return FALSE;

  if (*value != NULL && !zicha_form_is_identifier (*value))
    return fail (error, ZICHA_FORM_ERROR_INVALID, path,
                 "\"%s\" is not an identifier (lower-case ASCII letters, digits and \"_\", "
                 "starting with a letter)", *value);

  return TRUE;
}

static gboolean
read_integer (JsonObject  *object,
              const char  *name,
              const char  *json_path,
              gboolean     required,
              gint64       minimum,
              gint64       maximum,
              gboolean    *present,
              gint64      *value,
              GError     **error)
{
  JsonNode *node = get_member (object, name, json_path, required, error);
  g_autofree char *path = member_path (json_path, name);

  if (present != NULL)
    *present = node != NULL;
  if (node == NULL)
    return !required;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return fail (error, ZICHA_FORM_ERROR_INVALID, path, "\"%s\" must be an integer", name);

  *value = json_node_get_int (node);
  if (*value < minimum || *value > maximum)
    return fail (error, ZICHA_FORM_ERROR_INVALID, path,
                 "\"%s\" must be between %" G_GINT64_FORMAT " and %" G_GINT64_FORMAT
                 ", not %" G_GINT64_FORMAT, name, minimum, maximum, *value);

  return TRUE;
}

static gboolean
read_number (JsonObject  *object,
             const char  *name,
             const char  *json_path,
             gboolean    *present,
             double      *value,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autofree char *path = member_path (json_path, name);
  GType type;

  *present = node != NULL;
  if (node == NULL)
    return TRUE;

  type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  if (type == G_TYPE_INT64)
    *value = (double) json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    *value = json_node_get_double (node);
  else
    return fail (error, ZICHA_FORM_ERROR_INVALID, path, "\"%s\" must be a number", name);

  return TRUE;
}

static gboolean
read_boolean (JsonObject  *object,
              const char  *name,
              const char  *json_path,
              gboolean    *value,
              GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autofree char *path = member_path (json_path, name);

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fail (error, ZICHA_FORM_ERROR_INVALID, path, "\"%s\" must be true or false", name);

  *value = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
read_array (JsonObject  *object,
            const char  *name,
            const char  *json_path,
            gboolean     required,
            gboolean     non_empty,
            JsonArray  **value,
            GError     **error)
{
  JsonNode *node = get_member (object, name, json_path, required, error);
  g_autofree char *path = member_path (json_path, name);

  *value = NULL;
  if (node == NULL)
    return !required;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (error, ZICHA_FORM_ERROR_INVALID, path, "\"%s\" must be an array", name);

  *value = json_node_get_array (node);
  if (non_empty && json_array_get_length (*value) == 0)
    return fail (error, ZICHA_FORM_ERROR_INVALID, path, "\"%s\" must not be empty", name);

  return TRUE;
}

static JsonObject *
element_object (JsonArray   *array,
                guint        index,
                const char  *path,
                const char  *what,
                GError     **error)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (error, ZICHA_FORM_ERROR_INVALID, path, "%s must be an object", what);
      return NULL;
    }

  return json_node_get_object (node);
}

/* A localized text: "中文" or {"zh": "中文", "en": "English"}. */
static gboolean
read_text (JsonObject          *object,
           const char          *name,
           const char          *json_path,
           gboolean             required,
           ZichaLocalizedText **value,
           GError             **error)
{
  static const char * const allowed[] = { "zh", "en", NULL };
  JsonNode *node = get_member (object, name, json_path, required, error);
  g_autofree char *path = member_path (json_path, name);
  JsonObject *text;
  const char *zh;
  const char *en;

  *value = NULL;
  if (node == NULL)
    return !required;

  if (is_string_node (node) && *json_node_get_string (node) != '\0')
    {
      *value = zicha_localized_text_new (json_node_get_string (node), NULL);
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, ZICHA_FORM_ERROR_INVALID, path,
                 "\"%s\" must be a non-empty string or {\"zh\": …, \"en\": …}", name);

  text = json_node_get_object (node);
  if (!check_members (text, path, allowed, NULL, "a text", error) ||
      !read_string (text, "zh", path, TRUE, &zh, error) ||
      !read_string (text, "en", path, FALSE, &en, error))
    return FALSE;

  *value = zicha_localized_text_new (zh, en);
  return TRUE;
}

static gboolean
read_date (JsonObject  *object,
           const char  *name,
           const char  *json_path,
           const char **text,
           GDate       *date,
           GError     **error)
{
  g_autofree char *path = member_path (json_path, name);

  if (!read_string (object, name, json_path, TRUE, text, error))
    return FALSE;

  if (!zicha_condition_parse_date (*text, date))
    return fail (error, ZICHA_FORM_ERROR_INVALID, path,
                 "\"%s\" is not a date \"YYYY-MM-DD\"", *text);

  return TRUE;
}

/* Pass 1: structure ------------------------------------------------------- */

static const char * const common_item_members[] = {
  "id", "type", "label", "number", "guidance", "required", "relevant", "constraint", "group", NULL
};

static const char * const all_type_members[] = {
  "max_length", "min", "max", "unit", "decimals", "options", "not_applicable", "kind",
  "columns", "min_rows", "max_rows", "row_title", "rules", NULL
};

static const char * const *
type_members (ZichaFormItemType type)
{
  static const char * const text[] = { "max_length", NULL };
  static const char * const integer[] = { "min", "max", "unit", NULL };
  static const char * const decimal[] = { "min", "max", "decimals", "unit", NULL };
  static const char * const none[] = { NULL };
  static const char * const choice[] = { "options", NULL };
  static const char * const yes_no[] = { "not_applicable", NULL };
  static const char * const code[] = { "kind", NULL };
  static const char * const table[] = { "columns", "min_rows", "max_rows", "row_title", "rules", NULL };

  switch (type)
    {
    case ZICHA_FORM_ITEM_TEXT:
    case ZICHA_FORM_ITEM_LONG_TEXT:
      return text;
    case ZICHA_FORM_ITEM_INTEGER:
      return integer;
    case ZICHA_FORM_ITEM_DECIMAL:
      return decimal;
    case ZICHA_FORM_ITEM_CHOICE:
    case ZICHA_FORM_ITEM_MULTI_CHOICE:
      return choice;
    case ZICHA_FORM_ITEM_YES_NO:
      return yes_no;
    case ZICHA_FORM_ITEM_CODE:
      return code;
    case ZICHA_FORM_ITEM_TABLE:
      return table;
    case ZICHA_FORM_ITEM_DATE:
    default:
      return none;
    }
}

static gboolean
check_item_members (JsonObject         *object,
                    const char         *json_path,
                    ZichaFormItemType   type,
                    gboolean            is_column,
                    GError            **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) allowed = NULL;
  g_autofree char *what = g_strdup_printf ("a %s %s", zicha_form_item_type_to_string (type),
                                           is_column ? "column" : "item");

  for (guint i = 0; common_item_members[i] != NULL; i++)
    if (!is_column || !g_str_equal (common_item_members[i], "group"))
      g_strv_builder_add (builder, common_item_members[i]);
  g_strv_builder_addv (builder, (const char **) type_members (type));
  allowed = g_strv_builder_end (builder);

  if (is_column && json_object_has_member (object, "group"))
    {
      g_autofree char *path = member_path (json_path, "group");

      return fail (error, ZICHA_FORM_ERROR_INVALID, path, "a table column cannot have a \"group\"");
    }

  return check_members (object, json_path, (const char * const *) allowed,
                        all_type_members, what, error);
}

static gboolean
read_options (ZichaFormItem  *item,
              JsonObject     *object,
              const char     *json_path,
              GError        **error)
{
  static const char * const allowed[] = { "value", "label", NULL };
  JsonArray *options;

  if (!read_array (object, "options", json_path, TRUE, TRUE, &options, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (options); i++)
    {
      g_autofree char *path = element_path (json_path, "options", i);
      g_autofree char *value_path = member_path (path, "value");
      JsonObject *option_object = element_object (options, i, path, "an option", error);
      ZichaFormOption *option;
      const char *value;

      if (option_object == NULL ||
          !check_members (option_object, path, allowed, NULL, "an option", error) ||
          !read_string (option_object, "value", path, TRUE, &value, error))
        return FALSE;

      for (const char *p = value; *p != '\0'; p++)
        if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_')
          return fail (error, ZICHA_FORM_ERROR_INVALID, value_path,
                       "option value \"%s\" may only have lower-case ASCII letters, digits and \"_\"",
                       value);

      if (zicha_form_item_lookup_option (item, value) != NULL)
        return fail (error, ZICHA_FORM_ERROR_DUPLICATE_ID, value_path,
                     "duplicate option value \"%s\"", value);

      option = g_new0 (ZichaFormOption, 1);
      option->value = g_strdup (value);
      g_ptr_array_add (item->options, option);
      if (!read_text (option_object, "label", path, TRUE, &option->label, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
read_code_kind (ZichaFormItem  *item,
                JsonNode       *node,
                const char     *json_path,
                GError        **error)
{
  ZichaCodeKind kind;
  const char *name;

  if (!is_string_node (node))
    return fail (error, ZICHA_FORM_ERROR_INVALID, json_path,
                 "a code kind must be a string such as \"uscc\"");

  name = json_node_get_string (node);
  if (!zicha_code_kind_from_name (name, &kind) || !g_str_equal (name, zicha_code_kind_to_name (kind)))
    return fail (error, ZICHA_FORM_ERROR_UNKNOWN_CODE_KIND, json_path,
                 "unknown code kind \"%s\" (expected uscc, mobile, phone, icp, gaba, dengbao, "
                 "ip, url, email, postcode, region or date)", name);

  for (guint i = 0; i < item->n_code_kinds; i++)
    if (item->code_kinds[i] == kind)
      return fail (error, ZICHA_FORM_ERROR_DUPLICATE_ID, json_path,
                   "code kind \"%s\" is listed twice", name);

  item->code_kinds[item->n_code_kinds++] = kind;
  return TRUE;
}

/* "kind": "uscc" or "kind": ["phone", "mobile"] */
static gboolean
read_code_kinds (ZichaFormItem  *item,
                 JsonObject     *object,
                 const char     *json_path,
                 GError        **error)
{
  g_autofree char *path = member_path (json_path, "kind");
  JsonNode *node = get_member (object, "kind", json_path, TRUE, error);
  JsonArray *kinds;

  if (node == NULL)
    return FALSE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return read_code_kind (item, node, path, error);

  kinds = json_node_get_array (node);
  if (json_array_get_length (kinds) == 0)
    return fail (error, ZICHA_FORM_ERROR_INVALID, path, "\"kind\" must not be empty");

  for (guint i = 0; i < json_array_get_length (kinds); i++)
    {
      g_autofree char *element = g_strdup_printf ("%s[%u]", path, i);

      if (!read_code_kind (item, json_array_get_element (kinds, i), element, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
read_bounds (ZichaFormItem  *item,
             JsonObject     *object,
             const char     *json_path,
             GError        **error)
{
  gboolean integral = item->type == ZICHA_FORM_ITEM_INTEGER;
  g_autofree char *max_path = member_path (json_path, "max");

  if (integral)
    {
      gint64 minimum = 0, maximum = 0;

      if (!read_integer (object, "min", json_path, FALSE, G_MININT64, G_MAXINT64,
                         &item->has_minimum, &minimum, error) ||
          !read_integer (object, "max", json_path, FALSE, G_MININT64, G_MAXINT64,
                         &item->has_maximum, &maximum, error))
        return FALSE;
      item->minimum = (double) minimum;
      item->maximum = (double) maximum;
    }
  else
    {
      gint64 decimals = -1;
      gboolean has_decimals = FALSE;

      if (!read_number (object, "min", json_path, &item->has_minimum, &item->minimum, error) ||
          !read_number (object, "max", json_path, &item->has_maximum, &item->maximum, error) ||
          !read_integer (object, "decimals", json_path, FALSE, 0, 6, &has_decimals, &decimals, error))
        return FALSE;
      item->decimals = has_decimals ? (int) decimals : -1;
    }

  if (item->has_minimum && item->has_maximum && item->minimum > item->maximum)
    return fail (error, ZICHA_FORM_ERROR_INVALID, max_path, "\"max\" is less than \"min\"");

  return read_text (object, "unit", json_path, FALSE, &item->unit, error);
}

static gboolean load_item (Loader            *loader,
                           ZichaFormSection  *section,
                           ZichaFormItem     *table,
                           JsonObject        *object,
                           const char        *json_path,
                           ZichaFormItem    **out_item,
                           GError           **error);

static gboolean
read_columns (Loader         *loader,
              ZichaFormItem  *table,
              JsonObject     *object,
              const char     *json_path,
              GError        **error)
{
  JsonArray *columns;
  gint64 min_rows = 0, max_rows = G_MAXUINT;
  gboolean has_max_rows = FALSE;
  const char *row_title;
  g_autofree char *max_rows_path = member_path (json_path, "max_rows");
  g_autofree char *row_title_path = member_path (json_path, "row_title");

  if (!read_array (object, "columns", json_path, TRUE, TRUE, &columns, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (columns); i++)
    {
      g_autofree char *path = element_path (json_path, "columns", i);
      JsonObject *column_object = element_object (columns, i, path, "a column", error);
      ZichaFormItem *column;

      if (column_object == NULL ||
          !load_item (loader, table->section, table, column_object, path, &column, error))
        return FALSE;
    }

  if (!read_integer (object, "min_rows", json_path, FALSE, 0, G_MAXUINT - 1, NULL, &min_rows, error) ||
      !read_integer (object, "max_rows", json_path, FALSE, 1, G_MAXUINT - 1, &has_max_rows, &max_rows, error))
    return FALSE;

  if (has_max_rows && max_rows < min_rows)
    return fail (error, ZICHA_FORM_ERROR_INVALID, max_rows_path, "\"max_rows\" is less than \"min_rows\"");

  table->min_rows = (guint) min_rows;
  table->max_rows = has_max_rows ? (guint) max_rows : G_MAXUINT;

  if (!read_identifier (object, "row_title", json_path, FALSE, &row_title, error))
    return FALSE;

  if (row_title != NULL)
    {
      table->row_title = zicha_form_item_lookup_column (table, row_title);
      if (table->row_title == NULL)
        return fail (error, ZICHA_FORM_ERROR_UNKNOWN_FIELD, row_title_path,
                     "table \"%s\" has no column \"%s\"", table->path, row_title);
    }

  return TRUE;
}

static gboolean
load_item (Loader            *loader,
           ZichaFormSection  *section,
           ZichaFormItem     *table,
           JsonObject        *object,
           const char        *json_path,
           ZichaFormItem    **out_item,
           GError           **error)
{
  g_autoptr(ZichaFormItem) item = NULL;
  g_autofree char *type_path = member_path (json_path, "type");
  g_autofree char *id_path = member_path (json_path, "id");
  g_autofree char *required_path = member_path (json_path, "required");
  g_autofree char *group_path = member_path (json_path, "group");
  ZichaFormItemType type;
  ZichaFormItem *existing;
  const char *id;
  const char *type_name;
  const char *group;
  JsonNode *required;

  *out_item = NULL;

  if (!read_identifier (object, "id", json_path, TRUE, &id, error) ||
      !read_string (object, "type", json_path, TRUE, &type_name, error))
    return FALSE;

  if (!zicha_form_item_type_from_string (type_name, &type))
    return fail (error, ZICHA_FORM_ERROR_UNKNOWN_TYPE, type_path,
                 "unknown item type \"%s\" (expected text, long_text, integer, decimal, date, "
                 "choice, multi_choice, yes_no, code or table)", type_name);

  if (table != NULL && type == ZICHA_FORM_ITEM_TABLE)
    return fail (error, ZICHA_FORM_ERROR_INVALID, type_path, "a table column cannot be a table");

  if (!check_item_members (object, json_path, type, table != NULL, error))
    return FALSE;

  /* Unique within the section, or for columns within the table. */
  existing = table != NULL ? zicha_form_item_lookup_column (table, id)
                           : zicha_form_section_lookup_item (section, id);
  if (existing != NULL)
    {
      if (table != NULL)
        return fail (error, ZICHA_FORM_ERROR_DUPLICATE_ID, id_path,
                     "duplicate column id \"%s\" in table \"%s\" (first at %s)",
                     id, table->path, (char *) g_hash_table_lookup (loader->json_paths, existing));
      return fail (error, ZICHA_FORM_ERROR_DUPLICATE_ID, id_path,
                   "duplicate item id \"%s\" in section \"%s\" (first at %s)",
                   id, section->id, (char *) g_hash_table_lookup (loader->json_paths, existing));
    }

  item = zicha_form_item_new (type);
  item->id = g_strdup (id);
  item->section = section;
  item->table = table;
  item->path = table != NULL
               ? g_strdup_printf ("%s.%s[].%s", section->id, table->id, id)
               : g_strdup_printf ("%s.%s", section->id, id);

  if (!read_text (object, "label", json_path, TRUE, &item->label, error) ||
      !read_text (object, "guidance", json_path, FALSE, &item->guidance, error))
    return FALSE;

  {
    const char *number;

    if (!read_string (object, "number", json_path, FALSE, &number, error))
      return FALSE;
    item->number = g_strdup (number);
  }

  if (!read_identifier (object, "group", json_path, FALSE, &group, error))
    return FALSE;
  if (group != NULL)
    {
      if (zicha_form_section_lookup_group (section, group) == NULL)
        return fail (error, ZICHA_FORM_ERROR_INVALID, group_path,
                     "section \"%s\" has no group \"%s\"", section->id, group);
      item->group = g_strdup (group);
    }

  /* "required": a boolean now, a condition in pass 2. */
  required = json_object_get_member (object, "required");
  if (required != NULL)
    {
      if (JSON_NODE_HOLDS_OBJECT (required))
        item->required = TRUE;
      else if (JSON_NODE_HOLDS_VALUE (required) && json_node_get_value_type (required) == G_TYPE_BOOLEAN)
        item->required = json_node_get_boolean (required);
      else
        return fail (error, ZICHA_FORM_ERROR_INVALID, required_path,
                     "\"required\" must be true, false or a condition");
    }

  switch (type)
    {
    case ZICHA_FORM_ITEM_TEXT:
    case ZICHA_FORM_ITEM_LONG_TEXT:
      {
        gint64 max_length = 0;

        if (!read_integer (object, "max_length", json_path, FALSE, 1, G_MAXINT32, NULL, &max_length, error))
          return FALSE;
        item->max_length = (guint) max_length;
        break;
      }

    case ZICHA_FORM_ITEM_INTEGER:
    case ZICHA_FORM_ITEM_DECIMAL:
      if (!read_bounds (item, object, json_path, error))
        return FALSE;
      break;

    case ZICHA_FORM_ITEM_CHOICE:
    case ZICHA_FORM_ITEM_MULTI_CHOICE:
      if (!read_options (item, object, json_path, error))
        return FALSE;
      break;

    case ZICHA_FORM_ITEM_YES_NO:
      if (!read_boolean (object, "not_applicable", json_path, &item->not_applicable, error))
        return FALSE;
      break;

    case ZICHA_FORM_ITEM_CODE:
      if (!read_code_kinds (item, object, json_path, error))
        return FALSE;
      break;

    case ZICHA_FORM_ITEM_TABLE:
      /* Registered before its columns so the order is table, columns. */
      break;

    case ZICHA_FORM_ITEM_DATE:
    default:
      break;
    }

  g_hash_table_insert (loader->json_paths, item, g_strdup (json_path));
  g_hash_table_insert (loader->form->items_by_path, item->path, item);
  item->index = loader->form->all_items->len;
  g_ptr_array_add (loader->form->all_items, item);
  g_ptr_array_add (table != NULL ? table->columns : section->items, g_object_ref (item));
  *out_item = item;

  if (type == ZICHA_FORM_ITEM_TABLE && !read_columns (loader, item, object, json_path, error))
    return FALSE;

  return TRUE;
}

static gboolean
read_groups (ZichaFormSection  *section,
             JsonObject        *object,
             const char        *json_path,
             GError           **error)
{
  static const char * const allowed[] = { "id", "label", "guidance", NULL };
  JsonArray *groups;

  if (!read_array (object, "groups", json_path, FALSE, FALSE, &groups, error))
    return FALSE;
  if (groups == NULL)
    return TRUE;

  for (guint i = 0; i < json_array_get_length (groups); i++)
    {
      g_autofree char *path = element_path (json_path, "groups", i);
      g_autofree char *id_path = member_path (path, "id");
      JsonObject *group_object = element_object (groups, i, path, "a group", error);
      ZichaFormGroup *group;
      const char *id;

      if (group_object == NULL ||
          !check_members (group_object, path, allowed, NULL, "a group", error) ||
          !read_identifier (group_object, "id", path, TRUE, &id, error))
        return FALSE;

      if (zicha_form_section_lookup_group (section, id) != NULL)
        return fail (error, ZICHA_FORM_ERROR_DUPLICATE_ID, id_path,
                     "duplicate group id \"%s\" in section \"%s\"", id, section->id);

      group = g_new0 (ZichaFormGroup, 1);
      group->id = g_strdup (id);
      g_ptr_array_add (section->groups, group);
      if (!read_text (group_object, "label", path, TRUE, &group->label, error) ||
          !read_text (group_object, "guidance", path, FALSE, &group->guidance, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_section (Loader      *loader,
              JsonObject  *object,
              const char  *json_path,
              guint        index,
              GError     **error)
{
  static const char * const allowed[] = {
    "id", "title", "number", "guidance", "document", "groups", "items", NULL
  };
  g_autoptr(ZichaFormSection) section = zicha_form_section_new ();
  g_autofree char *id_path = member_path (json_path, "id");
  g_autofree char *document_path = member_path (json_path, "document");
  const char *id;
  const char *number;
  const char *document;
  JsonArray *items;

  if (!check_members (object, json_path, allowed, NULL, "a section", error) ||
      !read_identifier (object, "id", json_path, TRUE, &id, error))
    return FALSE;

  if (zicha_form_lookup_section (loader->form, id) != NULL)
    return fail (error, ZICHA_FORM_ERROR_DUPLICATE_ID, id_path,
                 "duplicate section id \"%s\" (first at sections[%u])",
                 id, zicha_form_section_get_index (zicha_form_lookup_section (loader->form, id)));

  section->id = g_strdup (id);
  section->index = index;

  if (!read_text (object, "title", json_path, TRUE, &section->title, error) ||
      !read_text (object, "guidance", json_path, FALSE, &section->guidance, error) ||
      !read_string (object, "number", json_path, FALSE, &number, error) ||
      !read_string (object, "document", json_path, FALSE, &document, error))
    return FALSE;

  section->number = g_strdup (number);
  if (document == NULL || g_str_equal (document, "table"))
    section->document = ZICHA_FORM_DOCUMENT_TABLE;
  else if (g_str_equal (document, "report"))
    section->document = ZICHA_FORM_DOCUMENT_REPORT;
  else
    return fail (error, ZICHA_FORM_ERROR_INVALID, document_path,
                 "\"document\" must be \"table\" or \"report\", not \"%s\"", document);

  if (!read_groups (section, object, json_path, error) ||
      !read_array (object, "items", json_path, TRUE, TRUE, &items, error))
    return FALSE;

  /* Added before its items so that duplicate-section checks see it. */
  g_ptr_array_add (loader->form->sections, g_object_ref (section));

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      g_autofree char *path = element_path (json_path, "items", i);
      JsonObject *item_object = element_object (items, i, path, "an item", error);
      ZichaFormItem *item;

      if (item_object == NULL ||
          !load_item (loader, section, NULL, item_object, path, &item, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_campaign (Loader      *loader,
               JsonObject  *root,
               GError     **error)
{
  static const char * const allowed[] = {
    "name", "year", "deadline", "addressee", "notice", "platform_url", "report_date_field", NULL
  };
  ZichaForm *form = loader->form;
  JsonNode *node = get_member (root, "campaign", "", TRUE, error);
  JsonObject *campaign;
  gint64 year = 0;
  const char *deadline;
  const char *platform_url;

  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, ZICHA_FORM_ERROR_INVALID, "campaign", "\"campaign\" must be an object");

  campaign = json_node_get_object (node);
  if (!check_members (campaign, "campaign", allowed, NULL, "the campaign", error) ||
      !read_text (campaign, "name", "campaign", TRUE, &form->campaign_name, error) ||
      !read_integer (campaign, "year", "campaign", TRUE, 1990, 2200, NULL, &year, error) ||
      !read_date (campaign, "deadline", "campaign", &deadline, &form->deadline_date, error) ||
      !read_text (campaign, "addressee", "campaign", TRUE, &form->addressee, error) ||
      !read_text (campaign, "notice", "campaign", FALSE, &form->notice, error) ||
      !read_string (campaign, "platform_url", "campaign", FALSE, &platform_url, error))
    return FALSE;

  form->campaign_year = (guint) year;
  form->deadline = g_strdup (deadline);

  if (platform_url != NULL)
    {
      if ((!g_str_has_prefix (platform_url, "https://") && !g_str_has_prefix (platform_url, "http://")) ||
          !g_uri_is_valid (platform_url, G_URI_FLAGS_NONE, NULL))
        return fail (error, ZICHA_FORM_ERROR_INVALID, "campaign.platform_url",
                     "\"%s\" is not an http:// or https:// URL", platform_url);
      form->platform_url = g_strdup (platform_url);
    }

  /* report_date_field is resolved in pass 2. */
  return TRUE;
}

/* Pass 2: conditions and rules -------------------------------------------- */

typedef struct
{
  Loader        *loader;
  ZichaFormItem *self;   /* what "." means; NULL outside constraints */
  ZichaFormItem *table;  /* the table whose "[]" columns may be named */
} Scope;

static ZichaFormItem *
resolve_field (const char  *path,
               const char  *json_path,
               gpointer     user_data,
               GError     **error)
{
  Scope *scope = user_data;
  g_autofree char *section_id = NULL;
  g_autofree char *item_id = NULL;
  g_autofree char *row = NULL;
  g_autofree char *column_id = NULL;
  g_autofree char *key = NULL;
  ZichaFormSection *section;
  ZichaFormItem *item;

  if (g_str_equal (path, "."))
    {
      if (scope->self == NULL)
        fail (error, ZICHA_FORM_ERROR_INVALID, json_path,
              "\".\" (the item itself) can only be used in a constraint");
      return scope->self;
    }

  if (!zicha_form_split_path (path, &section_id, &item_id, &row, &column_id))
    {
      fail (error, ZICHA_FORM_ERROR_INVALID, json_path,
            "malformed field path \"%s\" (expected \"section.item\" or \"section.table[].column\")",
            path);
      return NULL;
    }

  if (row != NULL && *row != '\0')
    {
      fail (error, ZICHA_FORM_ERROR_INVALID, json_path,
            "\"%s\" names a row; a definition uses \"%s.%s[].%s\" for the current row",
            path, section_id, item_id, column_id);
      return NULL;
    }

  key = column_id != NULL ? g_strdup_printf ("%s.%s[].%s", section_id, item_id, column_id)
                          : g_strdup_printf ("%s.%s", section_id, item_id);
  item = g_hash_table_lookup (scope->loader->form->items_by_path, key);

  if (item == NULL)
    {
      ZichaFormItem *table;

      section = zicha_form_lookup_section (scope->loader->form, section_id);
      if (section == NULL)
        fail (error, ZICHA_FORM_ERROR_UNKNOWN_FIELD, json_path,
              "no field \"%s\": there is no section \"%s\"", path, section_id);
      else if ((table = zicha_form_section_lookup_item (section, item_id)) == NULL)
        fail (error, ZICHA_FORM_ERROR_UNKNOWN_FIELD, json_path,
              "no field \"%s\": section \"%s\" has no item \"%s\"", path, section_id, item_id);
      else if (column_id != NULL && table->type != ZICHA_FORM_ITEM_TABLE)
        fail (error, ZICHA_FORM_ERROR_UNKNOWN_FIELD, json_path,
              "no field \"%s\": \"%s.%s\" is not a table", path, section_id, item_id);
      else
        fail (error, ZICHA_FORM_ERROR_UNKNOWN_FIELD, json_path,
              "no field \"%s\": table \"%s.%s\" has no column \"%s\"",
              path, section_id, item_id, column_id);
      return NULL;
    }

  if (item->table != NULL && item->table != scope->table)
    {
      fail (error, ZICHA_FORM_ERROR_INVALID, json_path,
            "\"%s\" is a column of table \"%s\"; it can only be used in that table's "
            "columns and rules", path, item->table->path);
      return NULL;
    }

  return item;
}

static ZichaCondition *
read_condition (Scope       *scope,
                JsonObject  *object,
                const char  *name,
                const char  *json_path,
                GError     **error)
{
  g_autofree char *path = member_path (json_path, name);
  JsonNode *node = json_object_get_member (object, name);

  g_assert (node != NULL);
  return zicha_condition_new_from_json (node, path, resolve_field, scope, error);
}

static ZichaFormRule *
load_rule (Scope               *scope,
           ZichaFormRuleScope   rule_scope,
           JsonObject          *object,
           const char          *json_path,
           GError             **error)
{
  static const char * const rule_members[] = {
    "id", "when", "condition", "message", "severity", "fields", NULL
  };
  static const char * const constraint_members[] = {
    "when", "condition", "message", "severity", NULL
  };
  gboolean is_constraint = rule_scope == ZICHA_FORM_RULE_CONSTRAINT;
  ZichaForm *form = scope->loader->form;
  g_autoptr(ZichaFormRule) rule = zicha_form_rule_new (rule_scope);
  g_autofree char *id_path = member_path (json_path, "id");
  g_autofree char *severity_path = member_path (json_path, "severity");
  const char *id = NULL;
  const char *severity;

  if (!check_members (object, json_path, is_constraint ? constraint_members : rule_members,
                      is_constraint ? rule_members : NULL,
                      is_constraint ? "a constraint" : "a rule", error))
    return NULL;

  if (!is_constraint)
    {
      if (!read_identifier (object, "id", json_path, TRUE, &id, error))
        return NULL;
      if (g_hash_table_contains (form->rules_by_id, id))
        {
          fail (error, ZICHA_FORM_ERROR_DUPLICATE_ID, id_path, "duplicate rule id \"%s\"", id);
          return NULL;
        }
      rule->id = g_strdup (id);
    }

  rule->owner = rule_scope == ZICHA_FORM_RULE_FORM ? NULL : (scope->self != NULL ? scope->self : scope->table);

  if (get_member (object, "condition", json_path, TRUE, error) == NULL)
    return NULL;
  rule->condition = read_condition (scope, object, "condition", json_path, error);
  if (rule->condition == NULL)
    return NULL;

  if (json_object_has_member (object, "when"))
    {
      rule->when = read_condition (scope, object, "when", json_path, error);
      if (rule->when == NULL)
        return NULL;
    }

  if (!read_text (object, "message", json_path, TRUE, &rule->message, error) ||
      !read_string (object, "severity", json_path, FALSE, &severity, error))
    return NULL;

  if (severity == NULL || g_str_equal (severity, "error"))
    rule->severity = ZICHA_SEVERITY_ERROR;
  else if (g_str_equal (severity, "warning"))
    rule->severity = ZICHA_SEVERITY_WARNING;
  else
    {
      fail (error, ZICHA_FORM_ERROR_INVALID, severity_path,
            "\"severity\" must be \"error\" or \"warning\", not \"%s\"", severity);
      return NULL;
    }

  if (is_constraint)
    g_ptr_array_add (rule->fields, scope->self);
  else
    {
      JsonArray *fields;
      Scope field_scope = { scope->loader, NULL, scope->table };

      if (!read_array (object, "fields", json_path, TRUE, TRUE, &fields, error))
        return NULL;

      for (guint i = 0; i < json_array_get_length (fields); i++)
        {
          g_autofree char *path = element_path (json_path, "fields", i);
          JsonNode *node = json_array_get_element (fields, i);
          ZichaFormItem *field;

          if (!is_string_node (node))
            {
              fail (error, ZICHA_FORM_ERROR_INVALID, path, "a field path must be a string");
              return NULL;
            }
          field = resolve_field (json_node_get_string (node), path, &field_scope, error);
          if (field == NULL)
            return NULL;
          g_ptr_array_add (rule->fields, field);
        }

      g_hash_table_insert (form->rules_by_id, rule->id, rule);
    }

  return g_steal_pointer (&rule);
}

static gboolean
load_rules (Scope               *scope,
            ZichaFormRuleScope   rule_scope,
            JsonObject          *object,
            const char          *name,
            const char          *json_path,
            GPtrArray           *rules,
            GError             **error)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autofree char *path = member_path (json_path, name);
  JsonArray *array;

  if (node == NULL)
    return TRUE;

  /* A single constraint may be written without the array. */
  if (rule_scope == ZICHA_FORM_RULE_CONSTRAINT && JSON_NODE_HOLDS_OBJECT (node))
    {
      ZichaFormRule *rule = load_rule (scope, rule_scope, json_node_get_object (node), path, error);

      if (rule == NULL)
        return FALSE;
      g_ptr_array_add (rules, rule);
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (error, ZICHA_FORM_ERROR_INVALID, path,
                 rule_scope == ZICHA_FORM_RULE_CONSTRAINT
                 ? "\"constraint\" must be an object or an array of objects"
                 : "\"rules\" must be an array");

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *element = g_strdup_printf ("%s[%u]", path, i);
      JsonObject *rule_object = element_object (array, i, element,
                                                rule_scope == ZICHA_FORM_RULE_CONSTRAINT
                                                ? "a constraint" : "a rule", error);
      ZichaFormRule *rule;

      if (rule_object == NULL)
        return FALSE;
      rule = load_rule (scope, rule_scope, rule_object, element, error);
      if (rule == NULL)
        return FALSE;
      g_ptr_array_add (rules, rule);
    }

  return TRUE;
}

static gboolean
link_item (Loader         *loader,
           ZichaFormItem  *item,
           JsonObject     *object,
           const char     *json_path,
           GError        **error)
{
  /* Columns see their table's "[]" paths; the table itself does not. */
  Scope scope = { loader, NULL, item->table };
  Scope constraint_scope = { loader, item, item->table };
  JsonNode *required = json_object_get_member (object, "required");

  if (json_object_has_member (object, "relevant"))
    {
      item->relevant = read_condition (&scope, object, "relevant", json_path, error);
      if (item->relevant == NULL)
        return FALSE;
    }

  if (required != NULL && JSON_NODE_HOLDS_OBJECT (required))
    {
      item->required_condition = read_condition (&scope, object, "required", json_path, error);
      if (item->required_condition == NULL)
        return FALSE;
    }

  if (!load_rules (&constraint_scope, ZICHA_FORM_RULE_CONSTRAINT, object, "constraint",
                   json_path, item->constraints, error))
    return FALSE;

  if (item->type == ZICHA_FORM_ITEM_TABLE)
    {
      JsonArray *columns = json_object_get_array_member (object, "columns");
      Scope row_scope = { loader, NULL, item };

      for (guint i = 0; i < item->columns->len; i++)
        {
          g_autofree char *path = element_path (json_path, "columns", i);

          if (!link_item (loader, g_ptr_array_index (item->columns, i),
                          json_array_get_object_element (columns, i), path, error))
            return FALSE;
        }

      if (!load_rules (&row_scope, ZICHA_FORM_RULE_ROW, object, "rules", json_path, item->rules, error))
        return FALSE;
    }

  return TRUE;
}

/* Relevance cycles -------------------------------------------------------- */

enum
{
  UNVISITED,
  ON_PATH,
  DONE,
};

static gboolean
visit_relevance (Loader         *loader,
                 ZichaFormItem  *item,
                 GHashTable     *states,
                 GPtrArray      *stack,
                 GError        **error)
{
  g_autoptr(GPtrArray) dependencies = NULL;

  g_hash_table_insert (states, item, GINT_TO_POINTER (ON_PATH));
  g_ptr_array_add (stack, item);

  if (item->relevant != NULL)
    {
      dependencies = g_ptr_array_new ();
      zicha_condition_collect_items (item->relevant, dependencies);

      for (guint i = 0; i < dependencies->len; i++)
        {
          ZichaFormItem *next = g_ptr_array_index (dependencies, i);
          int state = GPOINTER_TO_INT (g_hash_table_lookup (states, next));

          if (state == ON_PATH)
            {
              g_autoptr(GString) cycle = g_string_new (NULL);
              g_autofree char *path = NULL;
              guint start = 0;

              g_ptr_array_find (stack, next, &start);
              for (guint j = start; j < stack->len; j++)
                g_string_append_printf (cycle, "%s → ",
                                        zicha_form_item_get_path (g_ptr_array_index (stack, j)));
              g_string_append (cycle, zicha_form_item_get_path (next));

              path = member_path (g_hash_table_lookup (loader->json_paths, next), "relevant");
              return fail (error, ZICHA_FORM_ERROR_RELEVANCE_CYCLE, path,
                           "relevance cycle: %s", cycle->str);
            }

          if (state == UNVISITED && !visit_relevance (loader, next, states, stack, error))
            return FALSE;
        }
    }

  g_ptr_array_remove_index (stack, stack->len - 1);
  g_hash_table_insert (states, item, GINT_TO_POINTER (DONE));
  return TRUE;
}

static gboolean
check_relevance_cycles (Loader  *loader,
                        GError **error)
{
  g_autoptr(GHashTable) states = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  GPtrArray *items = loader->form->all_items;

  for (guint i = 0; i < items->len; i++)
    {
      ZichaFormItem *item = g_ptr_array_index (items, i);

      if (g_hash_table_lookup (states, item) == NULL &&
          !visit_relevance (loader, item, states, stack, error))
        return FALSE;
    }

  return TRUE;
}

/* The whole definition ---------------------------------------------------- */

static gboolean
load (Loader    *loader,
      JsonNode  *root,
      GError   **error)
{
  static const char * const allowed[] = {
    "format_version", "id", "version", "title", "campaign", "sections", "rules", NULL
  };
  ZichaForm *form = loader->form;
  JsonObject *object;
  JsonNode *format_version;
  JsonArray *sections;
  const char *id;
  gint64 version = 0;
  const char *report_date_field;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return fail (error, ZICHA_FORM_ERROR_INVALID, NULL, "a form definition must be a JSON object");
  object = json_node_get_object (root);

  /* The format version first: a newer file may be different everywhere. */
  format_version = get_member (object, "format_version", "", TRUE, error);
  if (format_version == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_VALUE (format_version) || json_node_get_value_type (format_version) != G_TYPE_INT64)
    return fail (error, ZICHA_FORM_ERROR_INVALID, "format_version", "\"format_version\" must be an integer");
  if (json_node_get_int (format_version) != ZICHA_FORM_FORMAT_VERSION)
    return fail (error, ZICHA_FORM_ERROR_UNSUPPORTED_VERSION, "format_version",
                 "format_version %" G_GINT64_FORMAT " is not supported (this program reads %d)",
                 json_node_get_int (format_version), ZICHA_FORM_FORMAT_VERSION);

  if (!check_members (object, "", allowed, NULL, "a form definition", error) ||
      !read_string (object, "id", "", TRUE, &id, error))
    return FALSE;

  for (const char *p = id; *p != '\0'; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || (*p == '-' && p != id)))
      return fail (error, ZICHA_FORM_ERROR_INVALID, "id",
                   "form id \"%s\" may only have lower-case ASCII letters, digits and \"-\"", id);
  form->id = g_strdup (id);

  if (!read_integer (object, "version", "", TRUE, 1, G_MAXINT32, NULL, &version, error) ||
      !read_text (object, "title", "", TRUE, &form->title, error) ||
      !load_campaign (loader, object, error) ||
      !read_array (object, "sections", "", TRUE, TRUE, &sections, error))
    return FALSE;
  form->version = (guint) version;

  /* Pass 1 */
  for (guint i = 0; i < json_array_get_length (sections); i++)
    {
      g_autofree char *path = element_path ("", "sections", i);
      JsonObject *section_object = element_object (sections, i, path, "a section", error);

      if (section_object == NULL || !load_section (loader, section_object, path, i, error))
        return FALSE;
    }

  /* Pass 2 */
  for (guint i = 0; i < form->sections->len; i++)
    {
      ZichaFormSection *section = g_ptr_array_index (form->sections, i);
      JsonArray *items = json_object_get_array_member (json_array_get_object_element (sections, i), "items");

      for (guint j = 0; j < section->items->len; j++)
        {
          g_autofree char *path = g_strdup_printf ("sections[%u].items[%u]", i, j);

          if (!link_item (loader, g_ptr_array_index (section->items, j),
                          json_array_get_object_element (items, j), path, error))
            return FALSE;
        }
    }

  {
    Scope scope = { loader, NULL, NULL };

    if (!load_rules (&scope, ZICHA_FORM_RULE_FORM, object, "rules", "", form->rules, error))
      return FALSE;
  }

  if (!read_string (json_object_get_object_member (object, "campaign"), "report_date_field",
                    "campaign", FALSE, &report_date_field, error))
    return FALSE;
  if (report_date_field != NULL)
    {
      Scope scope = { loader, NULL, NULL };
      ZichaFormItem *item = resolve_field (report_date_field, "campaign.report_date_field", &scope, error);

      if (item == NULL)
        return FALSE;
      if (item->type != ZICHA_FORM_ITEM_DATE)
        return fail (error, ZICHA_FORM_ERROR_INVALID, "campaign.report_date_field",
                     "\"%s\" is a %s item, not a date", report_date_field,
                     zicha_form_item_type_to_string (item->type));
      form->report_date_item = item;
    }

  return check_relevance_cycles (loader, error);
}

gboolean
zicha_form_loader_load (ZichaForm  *form,
                        JsonNode   *root,
                        GError    **error)
{
  Loader loader = { form, NULL };
  gboolean loaded;

  g_return_val_if_fail (ZICHA_IS_FORM (form), FALSE);
  g_return_val_if_fail (root != NULL, FALSE);

  loader.json_paths = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  loaded = load (&loader, root, error);
  g_hash_table_unref (loader.json_paths);

  return loaded;
}
