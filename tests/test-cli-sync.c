/* test-cli-sync.c — zicha-cli sync and receipts against the reference
 * server on 127.0.0.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The suite starts `zicha-platform serve --port 0` on its own database,
 * registers the demo school with `add-unit`, and runs zicha-cli as a user
 * would. The environment of the programs it runs never reaches a keyring
 * (a D-Bus address that leads nowhere) or another server.
 */
#include "config.h"

#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "zicha-cli-test.h"
#include "zicha-platform-test.h"
#include "zicha-test.h"

#define DEMO_USCC "123502004263091794"

static char *tmpdir;
static char *db_path;
static char *platform_db;
static const char *platform_url;  /* owned by platform */
static char *token;
static char *token_file;
static ZichaTestPlatform *platform;

G_GNUC_NULL_TERMINATED static ZichaCliResult *
run (const char *first_arg,
     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  g_ptr_array_add (args, (gpointer) "--db");
  g_ptr_array_add (args, db_path);
  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  return zicha_cli_run ((const char * const *) args->pdata);
}

static int
suite_init (void)
{
  tmpdir = zicha_test_make_tmpdir ();
  db_path = g_build_filename (tmpdir, "client.db", NULL);
  platform_db = g_build_filename (tmpdir, "platform.db", NULL);

  token = zicha_test_platform_add_unit (platform_db, DEMO_USCC, "厦门市鹭屿实验中学");
  if (token == NULL)
    return 1;
  token_file = g_build_filename (tmpdir, "token", NULL);
  if (!g_file_set_contents (token_file, token, -1, NULL))
    return 1;

  platform = zicha_test_platform_start (platform_db, NULL);
  if (platform == NULL)
    return 1;
  platform_url = zicha_test_platform_get_url (platform);

  /* The programs this suite runs see no token, no server and no keyring
   * unless a case gives them one. */
  g_unsetenv ("ZICHA_TOKEN");
  g_unsetenv ("ZICHA_SERVER");
  g_unsetenv ("DISPLAY");
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/zicha-test-bus", TRUE);
  return 0;
}

static int
suite_cleanup (void)
{
  g_clear_pointer (&platform, zicha_test_platform_stop);
  platform_url = NULL;
  zicha_test_rmdir (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
  g_clear_pointer (&db_path, g_free);
  g_clear_pointer (&platform_db, g_free);
  g_clear_pointer (&token, g_free);
  g_clear_pointer (&token_file, g_free);
  return 0;
}

/* demo + finalize; the report's UUID. */
static char *
make_finalized (void)
{
  g_autoptr(ZichaCliResult) demo = run ("demo", NULL);
  g_autoptr(ZichaCliResult) finalized = NULL;
  char *uuid;

  CU_ASSERT_EQUAL_FATAL (demo->exit_status, 0);
  uuid = g_strstrip (g_strdup (demo->out));
  finalized = run ("finalize", uuid, NULL);
  CU_ASSERT_EQUAL_FATAL (finalized->exit_status, 0);
  return uuid;
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

static void
test_usage_errors (void)
{
  g_autofree char *uuid = make_finalized ();
  g_autofree char *open_file = g_build_filename (tmpdir, "token-open", NULL);
  g_autoptr(ZichaCliResult) no_server = run ("sync", "--token-file", token_file, NULL);
  g_autoptr(ZichaCliResult) no_token = NULL;
  g_autoptr(ZichaCliResult) open_token = NULL;
  g_autoptr(ZichaCliResult) insecure = NULL;
  g_autoptr(ZichaCliResult) bad_certificate = NULL;
  g_autoptr(ZichaCliResult) draft = NULL;
  g_autoptr(ZichaCliResult) demo = NULL;
  g_autofree char *draft_uuid = NULL;

  CU_ASSERT_EQUAL_FATAL (chmod (token_file, 0600), 0);

  /* The form names no platform. */
  CU_ASSERT_EQUAL (no_server->exit_status, 2);
  CU_ASSERT (strstr (no_server->err, "--server") != NULL);

  /* No token anywhere; the keyring cannot be reached. */
  no_token = run ("sync", "--server", platform_url, NULL);
  CU_ASSERT_EQUAL (no_token->exit_status, 2);
  CU_ASSERT (strstr (no_token->err, "keyring") != NULL);
  CU_ASSERT (strstr (no_token->err, "ZICHA_TOKEN") != NULL);

  /* A token file others can read. */
  CU_ASSERT_FATAL (g_file_set_contents (open_file, token, -1, NULL));
  CU_ASSERT_FATAL (chmod (open_file, 0644) == 0);
  open_token = run ("sync", "--server", platform_url, "--token-file", open_file, NULL);
  CU_ASSERT_EQUAL (open_token->exit_status, 2);
  CU_ASSERT (strstr (open_token->err, "chmod 600") != NULL);

  /* Plain http to another machine (never contacted: refused first). */
  insecure = run ("sync", "--server", "http://platform.example.edu.cn/", "--token-file", token_file, NULL);
  CU_ASSERT_EQUAL (insecure->exit_status, 2);

  bad_certificate = run ("sync", "--server", platform_url, "--token-file", token_file,
                         "--trust-certificate", open_file, NULL);
  CU_ASSERT_EQUAL (bad_certificate->exit_status, 2);

  /* A draft cannot be sent. */
  demo = run ("demo", NULL);
  draft_uuid = g_strstrip (g_strdup (demo->out));
  draft = run ("sync", "--server", platform_url, "--token-file", token_file, draft_uuid, NULL);
  CU_ASSERT_EQUAL (draft->exit_status, 2);
  CU_ASSERT (strstr (draft->err, "draft") != NULL);

  /* Nothing was sent by any of these. */
  {
    g_autoptr(ZichaCliResult) receipts = run ("receipts", uuid, NULL);

    CU_ASSERT_EQUAL (receipts->exit_status, 1);
  }
}

static void
test_sync_and_receipts (void)
{
  g_autofree char *uuid = make_finalized ();
  g_autofree char *short_id = g_strndup (uuid, 8);
  g_autofree char *sent_prefix = g_strdup_printf ("%s sent: receipt ZP-", short_id);
  g_autoptr(ZichaCliResult) sync = NULL;
  g_autoptr(ZichaCliResult) again = NULL;
  g_autoptr(ZichaCliResult) named = NULL;
  g_autoptr(ZichaCliResult) list = NULL;
  g_autoptr(ZichaCliResult) one = NULL;
  g_autoptr(ZichaCliResult) json = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *array;
  JsonObject *first;
  const char *number;

  CU_ASSERT_EQUAL_FATAL (chmod (token_file, 0600), 0);
  g_setenv ("ZICHA_SERVER", platform_url, TRUE);
  sync = run ("sync", "--token-file", token_file, NULL);
  g_unsetenv ("ZICHA_SERVER");
  if (sync->exit_status != 0)
    g_printerr ("%s%s", sync->out, sync->err);
  CU_ASSERT_EQUAL (sync->exit_status, 0);
  /* Every finalized report of the database: the earlier case's too. */
  CU_ASSERT (strstr (sync->out, sent_prefix) != NULL);
  CU_ASSERT (strstr (sync->out, "failed") == NULL);

  again = run ("sync", "--server", platform_url, "--token-file", token_file, NULL);
  CU_ASSERT_EQUAL (again->exit_status, 0);
  ZICHA_ASSERT_STR_EQ (again->out, "Nothing to send.\n");

  named = run ("sync", "--server", platform_url, "--token-file", token_file, short_id, NULL);
  CU_ASSERT_EQUAL (named->exit_status, 0);
  CU_ASSERT (g_str_has_prefix (named->out, short_id));
  CU_ASSERT (strstr (named->out, "already acknowledged: receipt ZP-") != NULL);

  list = run ("receipts", NULL);
  CU_ASSERT_EQUAL (list->exit_status, 0);
  CU_ASSERT (g_str_has_prefix (list->out, "ID"));
  CU_ASSERT (strstr (list->out, short_id) != NULL);
  CU_ASSERT (strstr (list->out, "厦门市鹭屿实验中学") != NULL);
  CU_ASSERT (count_lines (list->out) >= 2);

  json = run ("receipts", "--json", short_id, NULL);
  CU_ASSERT_EQUAL (json->exit_status, 0);
  root = json_from_string (json->out, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (root);
  array = json_node_get_array (root);
  CU_ASSERT_EQUAL_FATAL (json_array_get_length (array), 1);
  first = json_array_get_object_element (array, 0);
  ZICHA_ASSERT_STR_EQ (json_object_get_string_member (first, "report_uuid"), uuid);
  ZICHA_ASSERT_STR_EQ (json_object_get_string_member (first, "unit_code"), DEMO_USCC);
  number = json_object_get_string_member (first, "number");
  CU_ASSERT (g_str_has_prefix (number, "ZP-"));
  CU_ASSERT (json_object_has_member (json_object_get_object_member (first, "receipt"), "signature"));
  CU_ASSERT (strstr (sync->out, number) != NULL);

  one = run ("receipts", short_id, NULL);
  CU_ASSERT_EQUAL (one->exit_status, 0);
  CU_ASSERT_EQUAL (count_lines (one->out), 2);
  CU_ASSERT (strstr (one->out, number) != NULL);
}

static void
test_refused_token (void)
{
  g_autofree char *uuid = make_finalized ();
  g_autofree char *failed = g_strdup_printf ("%.8s failed: ", uuid);
  g_autoptr(ZichaCliResult) refused = NULL;
  g_autoptr(ZichaCliResult) later = NULL;
  g_autoptr(ZichaCliResult) list = NULL;

  g_setenv ("ZICHA_TOKEN", "zt1_not-a-token-this-platform-ever-made-00000000", TRUE);
  refused = run ("sync", "--server", platform_url, NULL);
  g_unsetenv ("ZICHA_TOKEN");
  CU_ASSERT_EQUAL (refused->exit_status, 1);
  CU_ASSERT (strstr (refused->out, failed) != NULL);

  /* The right token (ZICHA_TOKEN): delivered. */
  g_setenv ("ZICHA_TOKEN", token, TRUE);
  later = run ("sync", "--server", platform_url, NULL);
  g_unsetenv ("ZICHA_TOKEN");
  CU_ASSERT_EQUAL (later->exit_status, 0);
  CU_ASSERT (strstr (later->out, " sent: receipt ZP-") != NULL);

  list = run ("receipts", "--json", NULL);
  CU_ASSERT_EQUAL (list->exit_status, 0);
  CU_ASSERT (strstr (list->out, uuid) != NULL);
}

static void
test_unreachable (void)
{
  g_autofree char *uuid = make_finalized ();
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(ZichaCliResult) waiting = NULL;
  g_autofree char *url = NULL;
  g_autofree char *expected = g_strdup_printf ("%.8s will retry at ", uuid);
  guint16 port = g_socket_listener_add_any_inet_port (listener, NULL, NULL);

  CU_ASSERT_FATAL (port != 0);
  g_socket_listener_close (listener);
  url = g_strdup_printf ("http://127.0.0.1:%u", port);

  waiting = run ("sync", "--server", url, "--token-file", token_file, NULL);
  CU_ASSERT_EQUAL (waiting->exit_status, 1);
  CU_ASSERT (strstr (waiting->out, expected) != NULL);
}

int
main (void)
{
  static const ZichaTestCase cases[] = {
    { "/cli/sync/usage-errors", test_usage_errors },
    { "/cli/sync/sync-and-receipts", test_sync_and_receipts },
    { "/cli/sync/refused-token", test_refused_token },
    { "/cli/sync/unreachable", test_unreachable },
    { NULL, NULL }
  };

  return zicha_test_run ("cli-sync", suite_init, suite_cleanup, cases);
}
