/* test-answers.c — the answers model and its canonical JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Inline JSON uses single quotes; zicha_test_json() makes them double
 * quotes.
 */
#include "config.h"

#include <string.h>

#include "zicha-answers.h"
#include "zicha-canonical-json.h"
#include "zicha-test.h"

#define ROW_A "aaaaaaaa-0000-4000-8000-000000000001"
#define ROW_B "bbbbbbbb-0000-4000-8000-000000000002"

static const char small_form[] =
  "{'format_version': 1, 'id': 'small', 'version': 3, 'title': 'T', "
  "'campaign': {'name': 'C', 'year': 2019, 'deadline': '2019-07-10', 'addressee': 'A'}, "
  "'sections': ["
  "{'id': 'unit', 'title': 'U', 'items': ["
  "  {'id': 'name', 'type': 'text', 'label': 'L'}, "
  "  {'id': 'count', 'type': 'integer', 'label': 'L'}, "
  "  {'id': 'budget', 'type': 'decimal', 'label': 'L'}, "
  "  {'id': 'areas', 'type': 'multi_choice', 'label': 'L', 'options': [{'value': 'a', 'label': 'A'}, {'value': 'b', 'label': 'B'}]}]}, "
  "{'id': 'objects', 'title': 'O', 'items': ["
  "  {'id': 'note', 'type': 'long_text', 'label': 'L'}, "
  "  {'id': 'systems', 'type': 'table', 'label': 'L', 'columns': ["
  "    {'id': 'name', 'type': 'text', 'label': 'L'}, {'id': 'level', 'type': 'integer', 'label': 'L'}]}]}"
  "]}";

static void
test_values (void)
{
  g_autoptr(ZichaForm) form = zicha_test_load_form (small_form);
  g_autoptr(ZichaAnswers) answers = zicha_answers_new (form);
  ZichaFormItem *name = zicha_form_lookup_item (form, "unit.name", NULL);
  ZichaFormItem *count = zicha_form_lookup_item (form, "unit.count", NULL);
  g_autoptr(JsonNode) text = zicha_test_node ("'北京大学'");
  g_autoptr(JsonNode) number = zicha_test_node ("12");
  g_autoptr(JsonNode) null = zicha_test_node ("null");
  g_autoptr(GError) error = NULL;

  CU_ASSERT_PTR_EQUAL (zicha_answers_get_form (answers), form);
  CU_ASSERT_PTR_NULL (zicha_answers_get_value (answers, name, NULL));

  CU_ASSERT_TRUE (zicha_answers_set_value (answers, name, NULL, text));
  ZICHA_ASSERT_STR_EQ (json_node_get_string (zicha_answers_get_value (answers, name, NULL)), "北京大学");

  CU_ASSERT_TRUE (zicha_answers_set_value_at (answers, "unit.count", number, &error));
  CU_ASSERT_EQUAL (json_node_get_int (zicha_answers_get_value (answers, count, NULL)), 12);
  CU_ASSERT_EQUAL (zicha_answers_get_n_values (answers), 2);

  /* NULL and JSON null clear. */
  CU_ASSERT_TRUE (zicha_answers_set_value (answers, name, NULL, null));
  CU_ASSERT_PTR_NULL (zicha_answers_get_value (answers, name, NULL));
  CU_ASSERT_TRUE (zicha_answers_set_value (answers, count, NULL, NULL));
  CU_ASSERT_EQUAL (zicha_answers_get_n_values (answers), 0);

  CU_ASSERT_FALSE (zicha_answers_set_value_at (answers, "unit.nope", number, &error));
  CU_ASSERT_TRUE (g_error_matches (error, ZICHA_ANSWERS_ERROR, ZICHA_ANSWERS_ERROR_UNKNOWN_FIELD));
  g_clear_error (&error);
  CU_ASSERT_FALSE (zicha_answers_set_value_at (answers, "objects.systems", number, &error));
  CU_ASSERT_TRUE (g_error_matches (error, ZICHA_ANSWERS_ERROR, ZICHA_ANSWERS_ERROR_UNKNOWN_FIELD));
  g_clear_error (&error);
  CU_ASSERT_FALSE (zicha_answers_set_value_at (answers, "objects.systems[" ROW_A "].level", number, &error));
  CU_ASSERT_TRUE (g_error_matches (error, ZICHA_ANSWERS_ERROR, ZICHA_ANSWERS_ERROR_UNKNOWN_FIELD));
  CU_ASSERT_PTR_NOT_NULL (error != NULL ? strstr (error->message, "no row") : NULL);
}

static void
test_rows (void)
{
  g_autoptr(ZichaForm) form = zicha_test_load_form (small_form);
  g_autoptr(ZichaAnswers) answers = zicha_answers_new (form);
  ZichaFormItem *systems = zicha_form_lookup_item (form, "objects.systems", NULL);
  ZichaFormItem *level = zicha_form_lookup_item (form, "objects.systems[].level", NULL);
  g_autoptr(JsonNode) three = zicha_test_node ("3");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cell_path = NULL;
  JsonNode *ids;

  CU_ASSERT_EQUAL (zicha_answers_get_n_rows (answers, systems), 0);
  CU_ASSERT_PTR_NULL (zicha_answers_get_value (answers, systems, NULL));

  first = zicha_answers_add_row (answers, systems);
  second = zicha_answers_add_row (answers, systems);
  CU_ASSERT_TRUE (g_uuid_string_is_valid (first));
  CU_ASSERT_TRUE (g_uuid_string_is_valid (second));
  CU_ASSERT_STRING_NOT_EQUAL (first, second);
  CU_ASSERT_EQUAL (zicha_answers_get_n_rows (answers, systems), 2);
  ZICHA_ASSERT_STR_EQ (zicha_answers_get_row_id (answers, systems, 0), first);
  ZICHA_ASSERT_STR_EQ (zicha_answers_get_row_id (answers, systems, 1), second);

  /* The table's value is the array of its row ids. */
  ids = zicha_answers_get_value (answers, systems, NULL);
  CU_ASSERT_TRUE_FATAL (ids != NULL && JSON_NODE_HOLDS_ARRAY (ids));
  CU_ASSERT_EQUAL (json_array_get_length (json_node_get_array (ids)), 2);

  CU_ASSERT_TRUE (zicha_answers_set_value (answers, level, second, three));
  CU_ASSERT_PTR_NULL (zicha_answers_get_value (answers, level, first));
  CU_ASSERT_EQUAL (json_node_get_int (zicha_answers_get_value (answers, level, second)), 3);

  cell_path = g_strdup_printf ("objects.systems[%s].level", first);
  CU_ASSERT_TRUE (zicha_answers_set_value_at (answers, cell_path, three, &error));
  CU_ASSERT_EQUAL (json_node_get_int (zicha_answers_get_value (answers, level, first)), 3);

  /* Ids: valid UUIDs only, each once, stored in lower case. */
  CU_ASSERT_FALSE (zicha_answers_insert_row (answers, systems, "row-1"));
  CU_ASSERT_FALSE (zicha_answers_insert_row (answers, systems, first));
  CU_ASSERT_TRUE (zicha_answers_insert_row (answers, systems, "AAAAAAAA-0000-4000-8000-000000000001"));
  CU_ASSERT_TRUE (zicha_answers_has_row (answers, systems, ROW_A));
  CU_ASSERT_FALSE (zicha_answers_insert_row (answers, systems, ROW_A));

  /* Removing keeps the order of the others and their values. */
  CU_ASSERT_TRUE (zicha_answers_remove_row (answers, systems, first));
  CU_ASSERT_FALSE (zicha_answers_remove_row (answers, systems, first));
  CU_ASSERT_EQUAL (zicha_answers_get_n_rows (answers, systems), 2);
  ZICHA_ASSERT_STR_EQ (zicha_answers_get_row_id (answers, systems, 0), second);
  ZICHA_ASSERT_STR_EQ (zicha_answers_get_row_id (answers, systems, 1), ROW_A);
  CU_ASSERT_EQUAL (json_array_get_length (json_node_get_array (zicha_answers_get_value (answers, systems, NULL))), 2);
  CU_ASSERT_EQUAL (json_node_get_int (zicha_answers_get_value (answers, level, second)), 3);
}

static void
record_value (ZichaFormItem *item,
              const char    *row_id,
              JsonNode      *value,
              gpointer       user_data)
{
  GString *visited = user_data;

  g_string_append_printf (visited, "%s%s|", zicha_form_item_get_id (item), row_id != NULL ? "@row" : "");
}

static void
test_foreach (void)
{
  g_autofree char *text = zicha_test_json ("{'format_version': 1, 'form': {'id': 'small', 'version': 3}, 'answers': {"
                                "'objects': {'systems': [{'id': '" ROW_A "', 'values': {'level': 2, 'name': 'OA'}}, "
                                "{'id': '" ROW_B "', 'values': {'level': 3}}], 'note': 'n'}, "
                                "'unit': {'count': 1, 'name': 'x'}}}");
  g_autoptr(ZichaForm) form = zicha_test_load_form (small_form);
  g_autoptr(ZichaAnswers) answers = zicha_answers_new_from_string (form, text, -1, NULL);
  g_autoptr(GString) visited = g_string_new (NULL);

  CU_ASSERT_PTR_NOT_NULL_FATAL (answers);
  zicha_answers_foreach (answers, record_value, visited);
  /* Document order: items as the form lists them, then rows, columns in order. */
  ZICHA_ASSERT_STR_EQ (visited->str, "name|count|note|name@row|level@row|level@row|");
  CU_ASSERT_EQUAL (zicha_answers_get_n_values (answers), 6);
}

static void
test_canonical_json (void)
{
  static const struct
  {
    const char *input;
    const char *canonical;
  } cases[] = {
    { "{ \"b\" : 1, \"a\" : [ true, false, null ] }", "{\"a\":[true,false,null],\"b\":1}" },
    { "{\"z\": {\"y\": 1, \"x\": 2}, \"é\": 0, \"e\": 0, \"E\": 0}", "{\"E\":0,\"e\":0,\"z\":{\"x\":2,\"y\":1},\"é\":0}" },
    { "\"北京 \\\"引号\\\" \\\\ \\n\\t\\u0001\"", "\"北京 \\\"引号\\\" \\\\ \\n\\t\\u0001\"" },
    { "\"\\u5317\\/\"", "\"北/\"" },
    { "[0.1, 2.5, 3.0, -0.0001, 1e21, 123456789.123]", "[0.1,2.5,3,-0.0001,1e+21,123456789.123]" },
    { "[-9223372036854775808, 9223372036854775807]", "[-9223372036854775808,9223372036854775807]" },
    { "{}", "{}" },
    { "[]", "[]" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) parsed = json_from_string (cases[i].input, NULL);
      g_autofree char *canonical = NULL;

      CU_ASSERT_PTR_NOT_NULL_FATAL (parsed);
      canonical = zicha_canonical_json_to_string (parsed);
      if (!g_str_equal (canonical, cases[i].canonical))
        g_printerr ("\n%s → %s, expected %s\n", cases[i].input, canonical, cases[i].canonical);
      ZICHA_ASSERT_STR_EQ (canonical, cases[i].canonical);
    }
}

static void
test_to_string (void)
{
  g_autoptr(ZichaForm) form = zicha_test_load_form (small_form);
  g_autoptr(ZichaAnswers) answers = zicha_answers_new (form);
  ZichaFormItem *systems = zicha_form_lookup_item (form, "objects.systems", NULL);
  g_autoptr(JsonNode) level = zicha_test_node ("3");
  g_autoptr(JsonNode) name = zicha_test_node ("'教务系统'");
  g_autoptr(JsonNode) areas = zicha_test_node ("['b', 'a']");
  g_autoptr(JsonNode) budget = zicha_test_node ("12.5");
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;

  /* No answers: only the header. */
  text = zicha_answers_to_string (answers);
  ZICHA_ASSERT_STR_EQ (text, "{\"answers\":{},\"form\":{\"id\":\"small\",\"version\":3},\"format_version\":1}");
  g_free (text);

  CU_ASSERT_TRUE (zicha_answers_insert_row (answers, systems, ROW_B));
  CU_ASSERT_TRUE (zicha_answers_insert_row (answers, systems, ROW_A));
  zicha_answers_set_value (answers, zicha_form_lookup_item (form, "objects.systems[].level", NULL), ROW_B, level);
  zicha_answers_set_value (answers, zicha_form_lookup_item (form, "objects.systems[].name", NULL), ROW_B, name);
  zicha_answers_set_value (answers, zicha_form_lookup_item (form, "unit.areas", NULL), NULL, areas);
  zicha_answers_set_value (answers, zicha_form_lookup_item (form, "unit.budget", NULL), NULL, budget);

  text = zicha_answers_to_string (answers);
  /* Sorted members; rows keep their order (B before A); arrays keep theirs. */
  expected = zicha_test_json ("{'answers':{'objects':{'systems':[{'id':'" ROW_B "','values':{'level':3,'name':'教务系统'}},"
                   "{'id':'" ROW_A "','values':{}}]},'unit':{'areas':['b','a'],'budget':12.5}},"
                   "'form':{'id':'small','version':3},'format_version':1}");
  ZICHA_ASSERT_STR_EQ (text, expected);
}

static void
test_round_trip (void)
{
  g_autofree char *text = zicha_test_json ("{\n  'format_version': 1,\n  'form': {'version': 3, 'id': 'small'},\n"
                                "  'answers': {'unit': {'name': '单位 \\'x\\'', 'count': 7, 'budget': 0.1, 'areas': ['a']},\n"
                                "    'objects': {'note': 'line 1\\nline 2', 'systems': [{'id': '" ROW_B "', 'values': {'name': 'B'}}, "
                                "{'id': '" ROW_A "'}]}}}");
  g_autoptr(ZichaForm) form = zicha_test_load_form (small_form);
  g_autoptr(ZichaAnswers) first = NULL;
  g_autoptr(ZichaAnswers) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_text = NULL;
  g_autofree char *second_text = NULL;
  g_autofree char *tmpdir = zicha_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (tmpdir, "answers.json", NULL);
  g_autofree char *saved = NULL;

  /* The test's own quoting turned \' into \"; that is fine JSON. */
  first = zicha_answers_new_from_string (form, text, -1, &error);
  if (error != NULL)
    g_printerr ("%s\n", error->message);
  CU_ASSERT_PTR_NOT_NULL_FATAL (first);
  first_text = zicha_answers_to_string (first);

  CU_ASSERT_TRUE (zicha_answers_save_to_file (first, path, &error));
  CU_ASSERT_TRUE (g_file_get_contents (path, &saved, NULL, NULL));
  ZICHA_ASSERT_STR_EQ (saved, first_text);

  second = zicha_answers_new_from_file (form, path, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (second);
  second_text = zicha_answers_to_string (second);
  ZICHA_ASSERT_STR_EQ (second_text, first_text);
  ZICHA_ASSERT_STR_EQ (zicha_answers_get_row_id (second, zicha_form_lookup_item (form, "objects.systems", NULL), 0), ROW_B);

  zicha_test_rmdir (tmpdir);
}

typedef struct
{
  const char        *name;
  const char        *text;      /* single-quoted */
  ZichaAnswersError  code;
  const char        *message;
} BadAnswers;

#define ANSWERS(body) "{'format_version': 1, 'form': {'id': 'small', 'version': 3}, 'answers': " body "}"

static const BadAnswers bad_answers[] = {
  { "syntax", "{\n'format_version': 1,\n}", ZICHA_ANSWERS_ERROR_SYNTAX, "2:20: Parse error" },
  { "empty", "", ZICHA_ANSWERS_ERROR_SYNTAX, "the document is empty" },
  { "not an object", "[1]", ZICHA_ANSWERS_ERROR_INVALID, "must be a JSON object" },
  { "no version", "{'form': {'id': 'small', 'version': 3}}", ZICHA_ANSWERS_ERROR_INVALID, "format_version" },
  { "newer version", "{'format_version': 2}", ZICHA_ANSWERS_ERROR_UNSUPPORTED_VERSION, "format_version 2 is not supported" },
  { "unknown top member", "{'format_version': 1, 'form': {'id': 'small', 'version': 3}, 'extra': 1}",
    ZICHA_ANSWERS_ERROR_INVALID, "extra: unknown member" },
  { "bad form member", "{'format_version': 1, 'form': {'id': 'small', 'version': '3'}}",
    ZICHA_ANSWERS_ERROR_INVALID, "form: \"form\" must be" },
  { "other form", "{'format_version': 1, 'form': {'id': 'big', 'version': 3}}",
    ZICHA_ANSWERS_ERROR_WRONG_FORM, "form: the answers are for form big version 3, not small version 3" },
  { "other version", "{'format_version': 1, 'form': {'id': 'small', 'version': 2}}",
    ZICHA_ANSWERS_ERROR_WRONG_FORM, "version 2, not small version 3" },
  { "answers not an object", ANSWERS ("[]"), ZICHA_ANSWERS_ERROR_INVALID, "answers: \"answers\" must be an object" },
  { "unknown section", ANSWERS ("{'units': {}}"), ZICHA_ANSWERS_ERROR_UNKNOWN_FIELD,
    "answers.units: form small has no section \"units\"" },
  { "unknown item", ANSWERS ("{'unit': {'nmae': 'x'}}"), ZICHA_ANSWERS_ERROR_UNKNOWN_FIELD,
    "answers.unit.nmae: section \"unit\" has no item \"nmae\"" },
  { "object value", ANSWERS ("{'unit': {'name': {'zh': 'x'}}}"), ZICHA_ANSWERS_ERROR_INVALID,
    "answers.unit.name: the answer of a text item cannot be an object" },
  { "table not an array", ANSWERS ("{'objects': {'systems': {}}}"), ZICHA_ANSWERS_ERROR_INVALID,
    "answers.objects.systems: the answer of table \"objects.systems\" must be an array of rows" },
  { "row without id", ANSWERS ("{'objects': {'systems': [{'values': {}}]}}"), ZICHA_ANSWERS_ERROR_INVALID,
    "answers.objects.systems[0].id: a row needs an \"id\" that is a UUID" },
  { "row id not a UUID", ANSWERS ("{'objects': {'systems': [{'id': 'row-1'}]}}"), ZICHA_ANSWERS_ERROR_INVALID,
    "answers.objects.systems[0].id" },
  { "row member", ANSWERS ("{'objects': {'systems': [{'id': '" ROW_A "', 'name': 'x'}]}}"), ZICHA_ANSWERS_ERROR_INVALID,
    "answers.objects.systems[0].name: unknown member \"name\"" },
  { "duplicate row", ANSWERS ("{'objects': {'systems': [{'id': '" ROW_A "'}, {'id': '" ROW_A "'}]}}"),
    ZICHA_ANSWERS_ERROR_DUPLICATE_ROW, "answers.objects.systems[1].id: row \"" ROW_A "\" appears twice" },
  { "unknown column", ANSWERS ("{'objects': {'systems': [{'id': '" ROW_A "', 'values': {'lvl': 1}}]}}"),
    ZICHA_ANSWERS_ERROR_UNKNOWN_FIELD, "answers.objects.systems[0].values.lvl: table \"objects.systems\" has no column \"lvl\"" },
};

static void
test_bad_answers (void)
{
  g_autoptr(ZichaForm) form = zicha_test_load_form (small_form);

  for (guint i = 0; i < G_N_ELEMENTS (bad_answers); i++)
    {
      g_autofree char *text = zicha_test_json (bad_answers[i].text);
      g_autoptr(GError) error = NULL;
      g_autoptr(ZichaAnswers) answers = zicha_answers_new_from_string (form, text, -1, &error);
      gboolean as_expected = answers == NULL &&
                             g_error_matches (error, ZICHA_ANSWERS_ERROR, (int) bad_answers[i].code) &&
                             strstr (error->message, bad_answers[i].message) != NULL;

      if (!as_expected)
        g_printerr ("\n%s: expected %d “%s”, got “%s”\n", bad_answers[i].name, bad_answers[i].code,
                    bad_answers[i].message, error != NULL ? error->message : "success");
      CU_ASSERT_TRUE (as_expected);
    }
}

static void
test_bad_file (void)
{
  g_autoptr(ZichaForm) form = zicha_test_load_form (small_form);
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpdir = zicha_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (tmpdir, "a.json", NULL);
  g_autofree char *prefix = g_strdup_printf ("%s:1:", path);
  g_autoptr(ZichaAnswers) answers = NULL;

  answers = zicha_answers_new_from_file (form, path, &error);
  CU_ASSERT_TRUE (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT));
  g_clear_error (&error);

  g_file_set_contents (path, "{\"format_version\": }", -1, NULL);
  answers = zicha_answers_new_from_file (form, path, &error);
  CU_ASSERT_PTR_NULL (answers);
  CU_ASSERT_TRUE (g_error_matches (error, ZICHA_ANSWERS_ERROR, ZICHA_ANSWERS_ERROR_SYNTAX));
  CU_ASSERT_TRUE (error != NULL && g_str_has_prefix (error->message, prefix));

  zicha_test_rmdir (tmpdir);
}

int
main (void)
{
  static const ZichaTestCase cases[] = {
    { "/answers/values", test_values },
    { "/answers/rows", test_rows },
    { "/answers/foreach", test_foreach },
    { "/answers/canonical-json", test_canonical_json },
    { "/answers/to-string", test_to_string },
    { "/answers/round-trip", test_round_trip },
    { "/answers/bad-answers", test_bad_answers },
    { "/answers/bad-file", test_bad_file },
    { NULL, NULL }
  };

  return zicha_test_run ("answers", NULL, NULL, cases);
}
