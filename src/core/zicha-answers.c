/* zicha-answers.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "zicha-answers"

#include <stdio.h>
#include <string.h>

#include "zicha-answers.h"
#include "zicha-canonical-json.h"
#include "zicha-json-error.h"

G_DEFINE_QUARK (zicha-answers-error-quark, zicha_answers_error)

typedef struct
{
  char       *id;
  guint       index;    /* position in Table.rows */
  guint       n_cells;
  JsonNode  **cells;    /* by column position in the table; NULL: unanswered */
} Row;

typedef struct
{
  GPtrArray  *rows;     /* of Row, in order */
  GHashTable *by_id;    /* id → Row */
  JsonNode   *ids;      /* JSON array of the row ids, for conditions */
  Row        *last;     /* the row looked up last: validation asks row by row */
} Table;

/* Where the value of an item lives, by item index: looked up once per
 * form so that get_value() needs no getters of the item beyond its index. */
#define NO_TABLE G_MAXUINT

typedef struct
{
  guint       is_table : 1;
  guint       table;    /* a column's table (item index), or NO_TABLE */
  guint       position; /* a column's position in its table's rows */
} Slot;

/* Plain values and tables are arrays by item index (zicha_form_item_get_index()):
 * validation looks values up hundreds of thousands of times. */
struct _ZichaAnswers
{
  GObject     parent_instance;

  ZichaForm  *form;
  guint       n_items;
  Slot       *slots;
  JsonNode  **values;   /* plain items; NULL: unanswered */
  Table     **tables;   /* table items; NULL: no rows yet */
};

G_DEFINE_FINAL_TYPE (ZichaAnswers, zicha_answers, G_TYPE_OBJECT)

static void
row_free (Row *row)
{
  for (guint i = 0; i < row->n_cells; i++)
    g_clear_pointer (&row->cells[i], json_node_unref);
  g_free (row->cells);
  g_free (row->id);
  g_free (row);
}

static Row *
row_new (const char *id,
         guint       n_cells)
{
  Row *row = g_new0 (Row, 1);

  row->id = g_ascii_strdown (id, -1);
  row->n_cells = n_cells;
  row->cells = g_new0 (JsonNode *, n_cells);
  return row;
}

/* The position of a column in its table's rows. */
static guint
cell_index (ZichaFormItem *column)
{
  return zicha_form_item_get_index (column) - zicha_form_item_get_index (zicha_form_item_get_table (column)) - 1;
}

static void
table_free (Table *table)
{
  g_ptr_array_unref (table->rows);
  g_hash_table_unref (table->by_id);
  json_node_unref (table->ids);
  g_free (table);
}

static Table *
table_new (void)
{
  Table *table = g_new0 (Table, 1);

  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  table->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  table->ids = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (table->ids, json_array_new ());
  return table;
}

static void
zicha_answers_finalize (GObject *object)
{
  ZichaAnswers *self = ZICHA_ANSWERS (object);

  for (guint i = 0; i < self->n_items; i++)
    {
      g_clear_pointer (&self->values[i], json_node_unref);
      g_clear_pointer (&self->tables[i], table_free);
    }
  g_clear_pointer (&self->values, g_free);
  g_clear_pointer (&self->tables, g_free);
  g_clear_pointer (&self->slots, g_free);
  g_clear_object (&self->form);

  G_OBJECT_CLASS (zicha_answers_parent_class)->finalize (object);
}

static void
zicha_answers_class_init (ZichaAnswersClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zicha_answers_finalize;
}

static void
zicha_answers_init (ZichaAnswers *self)
{
}

ZichaAnswers *
zicha_answers_new (ZichaForm *form)
{
  ZichaAnswers *self;

  g_return_val_if_fail (ZICHA_IS_FORM (form), NULL);

  self = g_object_new (ZICHA_TYPE_ANSWERS, NULL);
  self->form = g_object_ref (form);
  self->n_items = zicha_form_get_n_all_items (form);
  self->values = g_new0 (JsonNode *, self->n_items);
  self->tables = g_new0 (Table *, self->n_items);
  self->slots = g_new0 (Slot, self->n_items);
  for (guint i = 0; i < self->n_items; i++)
    {
      ZichaFormItem *item = zicha_form_get_all_item (form, i);
      ZichaFormItem *table = zicha_form_item_get_table (item);

      self->slots[i].is_table = zicha_form_item_get_item_type (item) == ZICHA_FORM_ITEM_TABLE;
      self->slots[i].table = table != NULL ? zicha_form_item_get_index (table) : NO_TABLE;
      self->slots[i].position = table != NULL ? cell_index (item) : 0;
    }
  return self;
}

ZichaForm *
zicha_answers_get_form (ZichaAnswers *self)
{
  g_return_val_if_fail (ZICHA_IS_ANSWERS (self), NULL);

  return self->form;
}

static Table *
lookup_table (ZichaAnswers  *self,
              ZichaFormItem *table)
{
  guint index = zicha_form_item_get_index (table);

  return index < self->n_items ? self->tables[index] : NULL;
}

static Table *
ensure_table (ZichaAnswers  *self,
              ZichaFormItem *table)
{
  Table *rows = lookup_table (self, table);

  if (rows == NULL)
    {
      rows = table_new ();
      self->tables[zicha_form_item_get_index (table)] = rows;
    }

  return rows;
}

static Row *
lookup_row_in (Table      *rows,
               const char *row_id)
{
  Row *row;

  if (rows == NULL || row_id == NULL)
    return NULL;

  if (rows->last != NULL && (rows->last->id == row_id || g_str_equal (rows->last->id, row_id)))
    return rows->last;

  /* Walking the rows in order, with the ids zicha_answers_get_row_id()
   * gave: the next row, without hashing. */
  if (rows->last != NULL && rows->last->index + 1 < rows->rows->len)
    {
      row = g_ptr_array_index (rows->rows, rows->last->index + 1);
      if (row->id == row_id)
        {
          rows->last = row;
          return row;
        }
    }

  row = g_hash_table_lookup (rows->by_id, row_id);
  if (row != NULL)
    rows->last = row;
  return row;
}

static Row *
lookup_row (ZichaAnswers  *self,
            ZichaFormItem *table,
            const char    *row_id)
{
  return lookup_row_in (lookup_table (self, table), row_id);
}

JsonNode *
zicha_answers_get_value (ZichaAnswers  *self,
                         ZichaFormItem *item,
                         const char    *row_id)
{
  const Slot *slot;
  guint index;
  Row *row;

  g_return_val_if_fail (ZICHA_IS_ANSWERS (self), NULL);
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (item), NULL);

  index = zicha_form_item_get_index (item);
  if (index >= self->n_items)
    return NULL;
  slot = &self->slots[index];

  if (slot->is_table)
    {
      Table *rows = self->tables[index];

      return rows != NULL && rows->rows->len > 0 ? rows->ids : NULL;
    }

  if (slot->table == NO_TABLE)
    return self->values[index];

  row = lookup_row_in (self->tables[slot->table], row_id);
  return row != NULL ? row->cells[slot->position] : NULL;
}

static gboolean
is_item_of_form (ZichaAnswers  *self,
                 ZichaFormItem *item)
{
  return zicha_form_lookup_item (self->form, zicha_form_item_get_path (item), NULL) == item;
}

gboolean
zicha_answers_set_value (ZichaAnswers  *self,
                         ZichaFormItem *item,
                         const char    *row_id,
                         JsonNode      *value)
{
  ZichaFormItem *table;
  JsonNode **slot;

  g_return_val_if_fail (ZICHA_IS_ANSWERS (self), FALSE);
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (item), FALSE);
  g_return_val_if_fail (is_item_of_form (self, item), FALSE);
  g_return_val_if_fail (zicha_form_item_get_item_type (item) != ZICHA_FORM_ITEM_TABLE, FALSE);

  table = zicha_form_item_get_table (item);
  if (table != NULL)
    {
      Row *row = lookup_row (self, table, row_id);

      g_return_val_if_fail (row != NULL, FALSE);
      slot = &row->cells[cell_index (item)];
    }
  else
    slot = &self->values[zicha_form_item_get_index (item)];

  g_clear_pointer (slot, json_node_unref);
  if (value != NULL && !JSON_NODE_HOLDS_NULL (value))
    *slot = json_node_copy (value);

  return TRUE;
}

gboolean
zicha_answers_set_value_at (ZichaAnswers  *self,
                            const char    *path,
                            JsonNode      *value,
                            GError       **error)
{
  g_autofree char *row_id = NULL;
  ZichaFormItem *item;

  g_return_val_if_fail (ZICHA_IS_ANSWERS (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  item = zicha_form_lookup_item (self->form, path, &row_id);
  if (item == NULL || zicha_form_item_get_item_type (item) == ZICHA_FORM_ITEM_TABLE)
    {
      g_set_error (error, ZICHA_ANSWERS_ERROR, ZICHA_ANSWERS_ERROR_UNKNOWN_FIELD,
                   "no field \"%s\" in form %s", path, zicha_form_get_id (self->form));
      return FALSE;
    }

  if (zicha_form_item_get_table (item) != NULL &&
      lookup_row (self, zicha_form_item_get_table (item), row_id) == NULL)
    {
      g_set_error (error, ZICHA_ANSWERS_ERROR, ZICHA_ANSWERS_ERROR_UNKNOWN_FIELD,
                   "no row \"%s\" in table \"%s\"", row_id != NULL ? row_id : "",
                   zicha_form_item_get_path (zicha_form_item_get_table (item)));
      return FALSE;
    }

  return zicha_answers_set_value (self, item, row_id, value);
}

/* Rows -------------------------------------------------------------------- */

guint
zicha_answers_get_n_rows (ZichaAnswers  *self,
                          ZichaFormItem *table)
{
  Table *rows;

  g_return_val_if_fail (ZICHA_IS_ANSWERS (self), 0);
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (table), 0);

  rows = lookup_table (self, table);
  return rows != NULL ? rows->rows->len : 0;
}

const char *
zicha_answers_get_row_id (ZichaAnswers  *self,
                          ZichaFormItem *table,
                          guint          index)
{
  Table *rows;

  g_return_val_if_fail (ZICHA_IS_ANSWERS (self), NULL);
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (table), NULL);

  rows = lookup_table (self, table);
  g_return_val_if_fail (rows != NULL && index < rows->rows->len, NULL);

  return ((Row *) g_ptr_array_index (rows->rows, index))->id;
}

gboolean
zicha_answers_has_row (ZichaAnswers  *self,
                       ZichaFormItem *table,
                       const char    *row_id)
{
  g_return_val_if_fail (ZICHA_IS_ANSWERS (self), FALSE);
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (table), FALSE);

  return lookup_row (self, table, row_id) != NULL;
}

gboolean
zicha_answers_insert_row (ZichaAnswers  *self,
                          ZichaFormItem *table,
                          const char    *row_id)
{
  Table *rows;
  Row *row;

  g_return_val_if_fail (ZICHA_IS_ANSWERS (self), FALSE);
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (table), FALSE);
  g_return_val_if_fail (zicha_form_item_get_item_type (table) == ZICHA_FORM_ITEM_TABLE, FALSE);
  g_return_val_if_fail (is_item_of_form (self, table), FALSE);
  g_return_val_if_fail (row_id != NULL, FALSE);

  if (!g_uuid_string_is_valid (row_id))
    return FALSE;

  rows = ensure_table (self, table);
  row = row_new (row_id, zicha_form_item_get_n_columns (table));
  if (g_hash_table_contains (rows->by_id, row->id))
    {
      row_free (row);
      return FALSE;
    }

  row->index = rows->rows->len;
  g_ptr_array_add (rows->rows, row);
  g_hash_table_insert (rows->by_id, row->id, row);
  json_array_add_string_element (json_node_get_array (rows->ids), row->id);
  return TRUE;
}

char *
zicha_answers_add_row (ZichaAnswers  *self,
                       ZichaFormItem *table)
{
  g_return_val_if_fail (ZICHA_IS_ANSWERS (self), NULL);
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (table), NULL);
  g_return_val_if_fail (zicha_form_item_get_item_type (table) == ZICHA_FORM_ITEM_TABLE, NULL);

  for (;;)
    {
      g_autofree char *row_id = g_uuid_string_random ();

      /* A collision is astronomically unlikely; still, never reuse an id. */
      if (zicha_answers_insert_row (self, table, row_id))
        return g_steal_pointer (&row_id);
    }
}

gboolean
zicha_answers_remove_row (ZichaAnswers  *self,
                          ZichaFormItem *table,
                          const char    *row_id)
{
  Table *rows;
  Row *row;
  guint index;

  g_return_val_if_fail (ZICHA_IS_ANSWERS (self), FALSE);
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (table), FALSE);

  rows = lookup_table (self, table);
  row = lookup_row (self, table, row_id);
  if (rows == NULL || row == NULL)
    return FALSE;

  if (rows->last == row)
    rows->last = NULL;
  index = row->index;
  g_hash_table_remove (rows->by_id, row->id);
  json_array_remove_element (json_node_get_array (rows->ids), index);
  g_ptr_array_remove_index (rows->rows, index);
  for (guint i = index; i < rows->rows->len; i++)
    ((Row *) g_ptr_array_index (rows->rows, i))->index = i;
  return TRUE;
}

/* Walking ----------------------------------------------------------------- */

void
zicha_answers_foreach (ZichaAnswers     *self,
                       ZichaAnswersFunc  func,
                       gpointer          user_data)
{
  g_return_if_fail (ZICHA_IS_ANSWERS (self));
  g_return_if_fail (func != NULL);

  for (guint i = 0; i < zicha_form_get_n_sections (self->form); i++)
    {
      ZichaFormSection *section = zicha_form_get_section (self->form, i);

      for (guint j = 0; j < zicha_form_section_get_n_items (section); j++)
        {
          ZichaFormItem *item = zicha_form_section_get_item (section, j);
          Table *rows;

          if (zicha_form_item_get_item_type (item) != ZICHA_FORM_ITEM_TABLE)
            {
              JsonNode *value = self->values[zicha_form_item_get_index (item)];

              if (value != NULL)
                func (item, NULL, value, user_data);
              continue;
            }

          rows = lookup_table (self, item);
          if (rows == NULL)
            continue;

          for (guint r = 0; r < rows->rows->len; r++)
            {
              Row *row = g_ptr_array_index (rows->rows, r);

              for (guint c = 0; c < row->n_cells; c++)
                if (row->cells[c] != NULL)
                  func (zicha_form_item_get_column (item, c), row->id, row->cells[c], user_data);
            }
        }
    }
}

static void
count_value (ZichaFormItem *item,
             const char    *row_id,
             JsonNode      *value,
             gpointer       user_data)
{
  guint *n_values = user_data;

  (*n_values)++;
}

guint
zicha_answers_get_n_values (ZichaAnswers *self)
{
  guint n_values = 0;

  g_return_val_if_fail (ZICHA_IS_ANSWERS (self), 0);

  zicha_answers_foreach (self, count_value, &n_values);
  return n_values;
}

/* Reading JSON ------------------------------------------------------------ */

/* Every loader error names where in the JSON it is. */
#define fail(error, code, json_path, ...) \
  zicha_json_error_set ((error), ZICHA_ANSWERS_ERROR, (code), (json_path), __VA_ARGS__)

static gboolean
check_members (JsonObject         *object,
               const char         *json_path,
               const char * const *allowed,
               GError            **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      {
        g_autofree char *path = json_path != NULL ? g_strconcat (json_path, ".", l->data, NULL)
                                                  : g_strdup (l->data);

        return fail (error, ZICHA_ANSWERS_ERROR_INVALID, path, "unknown member \"%s\"", (char *) l->data);
      }

  return TRUE;
}

static gboolean
read_value (ZichaAnswers   *self,
            ZichaFormItem  *item,
            const char     *row_id,
            JsonNode       *node,
            const char     *json_path,
            GError        **error)
{
  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, ZICHA_ANSWERS_ERROR_INVALID, json_path,
                 "the answer of a %s item cannot be an object",
                 zicha_form_item_type_to_string (zicha_form_item_get_item_type (item)));

  return zicha_answers_set_value (self, item, row_id, node);
}

static gboolean
read_rows (ZichaAnswers   *self,
           ZichaFormItem  *table,
           JsonNode       *node,
           const char     *json_path,
           GError        **error)
{
  static const char * const row_members[] = { "id", "values", NULL };
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (error, ZICHA_ANSWERS_ERROR_INVALID, json_path,
                 "the answer of table \"%s\" must be an array of rows", zicha_form_item_get_path (table));

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *row_path = g_strdup_printf ("%s[%u]", json_path, i);
      g_autofree char *id_path = g_strconcat (row_path, ".id", NULL);
      JsonNode *row_node = json_array_get_element (array, i);
      JsonObject *row;
      JsonNode *id;
      JsonNode *values;
      const char *row_id;

      if (!JSON_NODE_HOLDS_OBJECT (row_node))
        return fail (error, ZICHA_ANSWERS_ERROR_INVALID, row_path,
                     "a row must be an object {\"id\": …, \"values\": {…}}");

      row = json_node_get_object (row_node);
      if (!check_members (row, row_path, row_members, error))
        return FALSE;

      id = json_object_get_member (row, "id");
      if (id == NULL || !JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_STRING ||
          !g_uuid_string_is_valid (json_node_get_string (id)))
        return fail (error, ZICHA_ANSWERS_ERROR_INVALID, id_path, "a row needs an \"id\" that is a UUID");

      row_id = json_node_get_string (id);
      if (!zicha_answers_insert_row (self, table, row_id))
        return fail (error, ZICHA_ANSWERS_ERROR_DUPLICATE_ROW, id_path,
                     "row \"%s\" appears twice in table \"%s\"", row_id, zicha_form_item_get_path (table));

      values = json_object_get_member (row, "values");
      if (values == NULL)
        continue;
      if (!JSON_NODE_HOLDS_OBJECT (values))
        return fail (error, ZICHA_ANSWERS_ERROR_INVALID, row_path, "\"values\" must be an object");

      {
        g_autoptr(GList) columns = json_object_get_members (json_node_get_object (values));
        g_autofree char *stored_id = g_ascii_strdown (row_id, -1);

        for (GList *l = columns; l != NULL; l = l->next)
          {
            g_autofree char *column_path = g_strdup_printf ("%s.values.%s", row_path, (char *) l->data);
            ZichaFormItem *column = zicha_form_item_lookup_column (table, l->data);

            if (column == NULL)
              return fail (error, ZICHA_ANSWERS_ERROR_UNKNOWN_FIELD, column_path,
                           "table \"%s\" has no column \"%s\"", zicha_form_item_get_path (table),
                           (char *) l->data);

            if (!read_value (self, column, stored_id,
                             json_object_get_member (json_node_get_object (values), l->data),
                             column_path, error))
              return FALSE;
          }
      }
    }

  return TRUE;
}

static gboolean
read_answers (ZichaAnswers  *self,
              JsonNode      *root,
              GError       **error)
{
  static const char * const top_members[] = { "format_version", "form", "answers", NULL };
  static const char * const form_members[] = { "id", "version", NULL };
  JsonObject *object;
  JsonNode *format_version;
  JsonNode *form;
  JsonNode *answers;
  const char *form_id;
  gint64 form_version;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return fail (error, ZICHA_ANSWERS_ERROR_INVALID, NULL, "an answers file must be a JSON object");
  object = json_node_get_object (root);

  format_version = json_object_get_member (object, "format_version");
  if (format_version == NULL || !JSON_NODE_HOLDS_VALUE (format_version) ||
      json_node_get_value_type (format_version) != G_TYPE_INT64)
    return fail (error, ZICHA_ANSWERS_ERROR_INVALID, "format_version", "\"format_version\" must be an integer");
  if (json_node_get_int (format_version) != ZICHA_ANSWERS_FORMAT_VERSION)
    return fail (error, ZICHA_ANSWERS_ERROR_UNSUPPORTED_VERSION, "format_version",
                 "format_version %" G_GINT64_FORMAT " is not supported (this program reads %d)",
                 json_node_get_int (format_version), ZICHA_ANSWERS_FORMAT_VERSION);

  if (!check_members (object, NULL, top_members, error))
    return FALSE;

  form = json_object_get_member (object, "form");
  if (form == NULL || !JSON_NODE_HOLDS_OBJECT (form) ||
      !check_members (json_node_get_object (form), "form", form_members, error))
    {
      if (error != NULL && *error != NULL)
        return FALSE;
      return fail (error, ZICHA_ANSWERS_ERROR_INVALID, "form", "\"form\" must be {\"id\": …, \"version\": …}");
    }

  {
    JsonNode *id = json_object_get_member (json_node_get_object (form), "id");
    JsonNode *version = json_object_get_member (json_node_get_object (form), "version");

    if (id == NULL || !JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_STRING ||
        version == NULL || !JSON_NODE_HOLDS_VALUE (version) || json_node_get_value_type (version) != G_TYPE_INT64)
      return fail (error, ZICHA_ANSWERS_ERROR_INVALID, "form",
                   "\"form\" must be {\"id\": a string, \"version\": an integer}");
    form_id = json_node_get_string (id);
    form_version = json_node_get_int (version);
  }

  if (!g_str_equal (form_id, zicha_form_get_id (self->form)) ||
      form_version != zicha_form_get_version (self->form))
    return fail (error, ZICHA_ANSWERS_ERROR_WRONG_FORM, "form",
                 "the answers are for form %s version %" G_GINT64_FORMAT ", not %s version %u",
                 form_id, form_version, zicha_form_get_id (self->form), zicha_form_get_version (self->form));

  answers = json_object_get_member (object, "answers");
  if (answers == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (answers))
    return fail (error, ZICHA_ANSWERS_ERROR_INVALID, "answers", "\"answers\" must be an object");

  {
    g_autoptr(GList) sections = json_object_get_members (json_node_get_object (answers));

    for (GList *s = sections; s != NULL; s = s->next)
      {
        const char *section_id = s->data;
        g_autofree char *section_path = g_strconcat ("answers.", section_id, NULL);
        JsonNode *section_node = json_object_get_member (json_node_get_object (answers), section_id);
        ZichaFormSection *section = zicha_form_lookup_section (self->form, section_id);
        g_autoptr(GList) items = NULL;

        if (section == NULL)
          return fail (error, ZICHA_ANSWERS_ERROR_UNKNOWN_FIELD, section_path,
                       "form %s has no section \"%s\"", zicha_form_get_id (self->form), section_id);
        if (!JSON_NODE_HOLDS_OBJECT (section_node))
          return fail (error, ZICHA_ANSWERS_ERROR_INVALID, section_path, "a section's answers must be an object");

        items = json_object_get_members (json_node_get_object (section_node));
        for (GList *i = items; i != NULL; i = i->next)
          {
            g_autofree char *item_path = g_strdup_printf ("%s.%s", section_path, (char *) i->data);
            JsonNode *node = json_object_get_member (json_node_get_object (section_node), i->data);
            ZichaFormItem *item = zicha_form_section_lookup_item (section, i->data);

            if (item == NULL)
              return fail (error, ZICHA_ANSWERS_ERROR_UNKNOWN_FIELD, item_path,
                           "section \"%s\" has no item \"%s\"", section_id, (char *) i->data);

            if (zicha_form_item_get_item_type (item) == ZICHA_FORM_ITEM_TABLE)
              {
                if (!read_rows (self, item, node, item_path, error))
                  return FALSE;
              }
            else if (!read_value (self, item, NULL, node, item_path, error))
              return FALSE;
          }
      }
  }

  return TRUE;
}

ZichaAnswers *
zicha_answers_new_from_string (ZichaForm   *form,
                               const char  *text,
                               gssize       length,
                               GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(ZichaAnswers) self = NULL;
  JsonNode *root;

  g_return_val_if_fail (ZICHA_IS_FORM (form), NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!json_parser_load_from_data (parser, text, length, &parse_error))
    {
      const char *message = parse_error->message;

      /* json-glib says "<data>:L:C: …"; keep "L:C: …". */
      if (g_str_has_prefix (message, "<data>:"))
        message += strlen ("<data>:");
      g_set_error_literal (error, ZICHA_ANSWERS_ERROR, ZICHA_ANSWERS_ERROR_SYNTAX, message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, ZICHA_ANSWERS_ERROR, ZICHA_ANSWERS_ERROR_SYNTAX,
                           "1:1: the document is empty");
      return NULL;
    }

  self = zicha_answers_new (form);
  if (!read_answers (self, root, error))
    return NULL;

  return g_steal_pointer (&self);
}

ZichaAnswers *
zicha_answers_new_from_file (ZichaForm   *form,
                             const char  *path,
                             GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  ZichaAnswers *self;

  g_return_val_if_fail (ZICHA_IS_FORM (form), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  self = zicha_answers_new_from_string (form, contents, (gssize) length, error);
  if (self == NULL)
    g_prefix_error (error, "%s:", path);
  return self;
}

/* Writing JSON ------------------------------------------------------------ */

static JsonObject *
ensure_section_object (JsonObject       *answers,
                       ZichaFormSection *section)
{
  const char *id = zicha_form_section_get_id (section);

  if (!json_object_has_member (answers, id))
    json_object_set_object_member (answers, id, json_object_new ());

  return json_object_get_object_member (answers, id);
}

static JsonNode *
build_tree (ZichaAnswers *self)
{
  JsonObject *root = json_object_new ();
  JsonObject *form = json_object_new ();
  JsonObject *answers = json_object_new ();
  JsonNode *tree = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (form, "id", zicha_form_get_id (self->form));
  json_object_set_int_member (form, "version", zicha_form_get_version (self->form));
  json_object_set_int_member (root, "format_version", ZICHA_ANSWERS_FORMAT_VERSION);
  json_object_set_object_member (root, "form", form);

  for (guint i = 0; i < zicha_form_get_n_sections (self->form); i++)
    {
      ZichaFormSection *section = zicha_form_get_section (self->form, i);

      for (guint j = 0; j < zicha_form_section_get_n_items (section); j++)
        {
          ZichaFormItem *item = zicha_form_section_get_item (section, j);
          Table *rows;
          JsonArray *array;

          if (zicha_form_item_get_item_type (item) != ZICHA_FORM_ITEM_TABLE)
            {
              JsonNode *value = self->values[zicha_form_item_get_index (item)];

              if (value != NULL)
                json_object_set_member (ensure_section_object (answers, section),
                                        zicha_form_item_get_id (item), json_node_copy (value));
              continue;
            }

          rows = lookup_table (self, item);
          if (rows == NULL || rows->rows->len == 0)
            continue;

          array = json_array_new ();
          for (guint r = 0; r < rows->rows->len; r++)
            {
              Row *row = g_ptr_array_index (rows->rows, r);
              JsonObject *row_object = json_object_new ();
              JsonObject *values = json_object_new ();

              for (guint c = 0; c < row->n_cells; c++)
                if (row->cells[c] != NULL)
                  json_object_set_member (values, zicha_form_item_get_id (zicha_form_item_get_column (item, c)),
                                          json_node_copy (row->cells[c]));

              json_object_set_string_member (row_object, "id", row->id);
              json_object_set_object_member (row_object, "values", values);
              json_array_add_object_element (array, row_object);
            }
          json_object_set_array_member (ensure_section_object (answers, section),
                                        zicha_form_item_get_id (item), array);
        }
    }

  json_object_set_object_member (root, "answers", answers);
  json_node_take_object (tree, root);
  return tree;
}

char *
zicha_answers_to_string (ZichaAnswers *self)
{
  g_autoptr(JsonNode) tree = NULL;

  g_return_val_if_fail (ZICHA_IS_ANSWERS (self), NULL);

  tree = build_tree (self);
  return zicha_canonical_json_to_string (tree);
}

gboolean
zicha_answers_save_to_file (ZichaAnswers  *self,
                            const char    *path,
                            GError       **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (ZICHA_IS_ANSWERS (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  text = zicha_answers_to_string (self);
  return g_file_set_contents (path, text, -1, error);
}
