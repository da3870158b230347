/* test-platform.c — the real zicha-platform, run as a user would run it,
 * spoken to with libsoup as a client would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The suite registers two units with `zicha-platform add-unit`, starts
 * `zicha-platform serve --port 0` as a child process (reading the port from
 * its first line), and sends it packages made with the core API: finalized
 * demo reports exported by zicha_package_export(). Every wait is bounded;
 * the server is stopped with SIGTERM (and killed if it does not stop) at
 * the end and whenever a test restarts it.
 */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include <archive.h>
#include <archive_entry.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "zicha-demo.h"
#include "zicha-package.h"
#include "zicha-platform-test.h"
#include "zicha-report-session.h"
#include "zicha-test.h"

#define UNIT_A "123502004263091794"  /* the demo school's code */
#define UNIT_B "123502004266000896"
#define PACKAGE_TYPE "application/vnd.zicha.package+zip"
#define BASE64URL "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

static char *tmpdir;
static char *db_path;
static ZichaForm *form;
static char *form_path;

static ZichaTestPlatform *server;
static char *base_uri;
static SoupSession *session;

static char *token_a;
static char *token_b;

/* Report A finalized, the same report finalized with another answer in
 * another store (same UUID, other digest), and another report B. */
static char *uuid_a;
static char *digest_a;
static GBytes *package_a;
static GBytes *package_a_changed;
static char *digest_a_changed;
static char *uuid_b;
static char *digest_b;
static GBytes *package_b;

/* The receipt the first delivery of A got, byte for byte. */
static GBytes *receipt_a;

/* Processes ----------------------------------------------------------------- */

/* Runs zicha-platform with the arguments after its name (NULL-terminated);
 * returns its exit status, or -1. */
static int
run_platform (char       **out,
              const char  *first_arg,
              ...) G_GNUC_NULL_TERMINATED;

static int
run_platform (char       **out,
              const char  *first_arg,
              ...)
{
  va_list args;
  int status;

  va_start (args, first_arg);
  status = zicha_test_platform_run_va (out, NULL, first_arg, args);
  va_end (args);

  /* It ran, and finished in time. */
  CU_ASSERT (status >= 0);
  return status;
}

/* Registers a unit; its token is "zt1_" and 256 bits of base64url. */
static char *
add_unit (const char *code,
          const char *name)
{
  char *token = zicha_test_platform_add_unit (db_path, code, name);

  CU_ASSERT_PTR_NOT_NULL_FATAL (token);
  CU_ASSERT (g_str_has_prefix (token, "zt1_"));
  CU_ASSERT_EQUAL (strspn (token + strlen ("zt1_"), BASE64URL), strlen (token) - strlen ("zt1_"));
  return token;
}

/* The lines list-submissions prints, of @uuid (nullable: all). */
static guint
count_submission_lines (const char *uuid)
{
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  guint count = 0;

  CU_ASSERT_EQUAL_FATAL (run_platform (&out, "list-submissions", "--db", db_path, NULL), 0);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) columns = NULL;

      if (*lines[i] == '\0')
        continue;
      columns = g_strsplit (lines[i], " ", -1);
      CU_ASSERT_EQUAL (g_strv_length (columns), 4);
      if (uuid == NULL || g_str_equal (columns[1], uuid))
        count++;
    }

  return count;
}

/* Stops the server, which must exit cleanly on SIGTERM. */
static void
stop_server (void)
{
  CU_ASSERT_TRUE (zicha_test_platform_stop_clean (g_steal_pointer (&server)));
}

/* Starts `zicha-platform serve` on the test database with @extra_args
 * (NULL-terminated, nullable), in place of the running one. */
static void
start_server (const char * const *extra_args)
{
  const char *url;

  stop_server ();

  server = zicha_test_platform_start (db_path, extra_args);
  CU_ASSERT_PTR_NOT_NULL_FATAL (server);
  url = zicha_test_platform_get_url (server);
  /* Port 0 asked for any free port: the one printed is a real one. */
  CU_ASSERT (g_str_has_prefix (url, "http://127.0.0.1:") || g_str_has_prefix (url, "https://127.0.0.1:"));
  CU_ASSERT (g_ascii_strtoull (strrchr (url, ':') + 1, NULL, 10) > 0);
  g_free (base_uri);
  base_uri = g_strdup (url);
}

static void
start_default_server (void)
{
  start_server (NULL);
}

/* HTTP ---------------------------------------------------------------------- */

typedef struct
{
  guint               status;
  GBytes             *body;
  SoupMessageHeaders *headers;
  JsonNode           *json;  /* NULL unless the body is JSON */
} Response;

static void
response_free (Response *response)
{
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_clear_pointer (&response->json, json_node_unref);
  g_free (response);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Response, response_free)

typedef struct
{
  const char   *method;
  const char   *path;
  const char   *token;          /* nullable */
  const char   *authorization;  /* nullable: the whole header instead of a token */
  const char   *content_type;   /* nullable */
  GBytes       *body;           /* nullable */
  const char   *digest;         /* nullable */
  gboolean      expect_continue;
  GInputStream *body_stream;    /* nullable: the body as a stream of this length */
  gssize        body_length;    /* with body_stream; -1: chunked */
} Request;

static Response *
send_request (SoupSession   *client,
              const Request *request)
{
  g_autofree char *uri = g_strconcat (base_uri != NULL ? base_uri : "http://127.0.0.1:9", request->path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (request->method, uri);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  Response *response;

  CU_ASSERT_PTR_NOT_NULL_FATAL (msg);
  CU_ASSERT_PTR_NOT_NULL_FATAL (server);
  headers = soup_message_get_request_headers (msg);

  if (request->token != NULL)
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", request->token, NULL);

      soup_message_headers_replace (headers, "Authorization", authorization);
    }
  if (request->authorization != NULL)
    soup_message_headers_replace (headers, "Authorization", request->authorization);
  if (request->digest != NULL)
    soup_message_headers_replace (headers, "X-Zicha-Digest", request->digest);
  if (request->expect_continue)
    soup_message_headers_set_expectations (headers, SOUP_EXPECTATION_CONTINUE);
  if (request->body != NULL)
    soup_message_set_request_body_from_bytes (msg, request->content_type, request->body);
  else if (request->body_stream != NULL)
    soup_message_set_request_body (msg, request->content_type, request->body_stream, request->body_length);

  response = g_new0 (Response, 1);
  response->body = soup_session_send_and_read (client, msg, NULL, &error);
  if (response->body == NULL)
    {
      g_printerr ("%s %s: %s\n", request->method, request->path, error->message);
      g_free (response);
      return NULL;
    }
  response->status = soup_message_get_status (msg);
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));

  if (g_strcmp0 (soup_message_headers_get_content_type (response->headers, NULL), "application/json") == 0)
    {
      /* The body has no final NUL. */
      g_autofree char *text = g_strndup (g_bytes_get_data (response->body, NULL), g_bytes_get_size (response->body));

      response->json = json_from_string (text, NULL);
    }

  /* docs/platform-api.md: every answer carries the server's clock. */
  CU_ASSERT_PTR_NOT_NULL (soup_message_headers_get_one (response->headers, "Date"));
  return response;
}

static Response *
put_package (const char *uuid,
             const char *token,
             GBytes     *package,
             const char *digest)
{
  g_autofree char *path = g_strconcat ("/api/v1/reports/", uuid, NULL);
  Request request = {
    .method = "PUT", .path = path, .token = token,
    .content_type = PACKAGE_TYPE, .body = package, .digest = digest,
  };

  return send_request (session, &request);
}

static Response *
get (const char *path,
     const char *token)
{
  Request request = { .method = "GET", .path = path, .token = token };

  return send_request (session, &request);
}

static Response *
get_receipt (const char *uuid,
             const char *token)
{
  g_autofree char *path = g_strconcat ("/api/v1/reports/", uuid, "/receipt", NULL);

  return get (path, token);
}

static const char *
error_code (Response *response)
{
  JsonObject *error;

  if (response->json == NULL || !JSON_NODE_HOLDS_OBJECT (response->json))
    return NULL;
  error = json_object_get_object_member (json_node_get_object (response->json), "error");
  if (error == NULL)
    return NULL;

  /* Every error has both messages. */
  CU_ASSERT_PTR_NOT_NULL (json_object_get_string_member_with_default (error, "message", NULL));
  CU_ASSERT_PTR_NOT_NULL (json_object_get_string_member_with_default (error, "message_zh", NULL));
  return json_object_get_string_member_with_default (error, "code", NULL);
}

static const char *
error_member (Response   *response,
              const char *member)
{
  JsonObject *error = json_object_get_object_member (json_node_get_object (response->json), "error");

  return json_object_get_string_member_with_default (error, member, NULL);
}

#define ASSERT_ERROR(response, expected_status, expected_code)           \
  G_STMT_START {                                                         \
    CU_ASSERT_PTR_NOT_NULL_FATAL (response);                             \
    CU_ASSERT_EQUAL ((response)->status, (expected_status));             \
    ZICHA_ASSERT_STR_EQ (error_code (response), (expected_code));        \
  } G_STMT_END

/* Packages ------------------------------------------------------------------ */

static ZichaStore *
open_store (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  ZichaStore *store = zicha_store_open (path, &error);

  CU_ASSERT_PTR_NOT_NULL_FATAL (store);
  zicha_store_set_author (store, "tester");
  return store;
}

static GBytes *
export (ZichaStore *store,
        const char *uuid,
        const char *name,
        char      **digest)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(GBytes) bytes = NULL;

  if (!zicha_package_export_full (store, form, uuid, NULL, NULL, path, digest, &error))
    g_printerr ("export: %s\n", error->message);
  CU_ASSERT_PTR_NULL_FATAL (error);

  bytes = zicha_package_load_file (path, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (bytes);
  return g_steal_pointer (&bytes);
}

static void
finalize (ZichaStore  *store,
          ZichaReport *report)
{
  g_autoptr(ZichaReportSession) report_session = zicha_report_session_new (store, form, report);
  g_autoptr(GError) error = NULL;

  if (!zicha_report_session_finalize (report_session, NULL, &error))
    g_printerr ("finalize: %s\n", error->message);
  CU_ASSERT_PTR_NULL_FATAL (error);
}

/* A, B and the other finalization of A. */
static void
make_packages (void)
{
  g_autoptr(ZichaStore) first = open_store ("first.db");
  g_autoptr(ZichaStore) second = open_store ("second.db");
  g_autoptr(ZichaReport) report_a = NULL;
  g_autoptr(ZichaReport) report_b = NULL;
  g_autoptr(ZichaReport) copy_of_a = NULL;
  g_autoptr(JsonNode) address = json_from_string ("\"福建省厦门市思明区鹭屿路89号\"", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *draft_path = g_build_filename (tmpdir, "a-draft.zicha", NULL);
  g_autoptr(GBytes) draft = NULL;

  report_a = zicha_demo_create_report (first, form, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (report_a);
  uuid_a = g_strdup (zicha_report_get_uuid (report_a));

  /* The draft travels to another computer, is changed there and finalized
   * there too: the same UUID with other contents. */
  draft = export (first, uuid_a, "a-draft.zicha", NULL);
  copy_of_a = zicha_package_import (second, form, draft_path, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (copy_of_a);
  CU_ASSERT_TRUE_FATAL (zicha_store_set_value (second, uuid_a, "basic.address", NULL, address, &error));
  g_clear_object (&copy_of_a);
  copy_of_a = zicha_store_get_report (second, uuid_a, &error);
  finalize (second, copy_of_a);
  package_a_changed = export (second, uuid_a, "a-changed.zicha", &digest_a_changed);

  finalize (first, report_a);
  package_a = export (first, uuid_a, "a.zicha", &digest_a);
  CU_ASSERT_STRING_NOT_EQUAL (digest_a, digest_a_changed);

  report_b = zicha_demo_create_report (first, form, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (report_b);
  uuid_b = g_strdup (zicha_report_get_uuid (report_b));
  finalize (first, report_b);
  package_b = export (first, uuid_b, "b.zicha", &digest_b);
}

/* @package with the entry @name replaced by @contents, written again by
 * libarchive: a package whose ZIP is sound but whose contents are not what
 * its manifest says. */
static GBytes *
replace_entry (GBytes     *package,
               const char *name,
               const char *contents)
{
  struct archive *reader = archive_read_new ();
  struct archive *writer = archive_write_new ();
  struct archive_entry *entry;
  gsize buffer_size = g_bytes_get_size (package) * 2 + 65536;
  g_autofree guint8 *buffer = g_malloc (buffer_size);
  size_t used = 0;

  archive_read_support_format_zip (reader);
  CU_ASSERT_EQUAL_FATAL (archive_read_open_memory (reader, g_bytes_get_data (package, NULL),
                                                   g_bytes_get_size (package)), ARCHIVE_OK);
  archive_write_set_format_zip (writer);
  CU_ASSERT_EQUAL_FATAL (archive_write_open_memory (writer, buffer, buffer_size, &used), ARCHIVE_OK);

  while (archive_read_next_header (reader, &entry) == ARCHIVE_OK)
    {
      g_autoptr(GByteArray) data = g_byte_array_new ();
      guint8 chunk[65536];
      la_ssize_t n;

      while ((n = archive_read_data (reader, chunk, sizeof chunk)) > 0)
        g_byte_array_append (data, chunk, n);

      if (g_str_equal (archive_entry_pathname (entry), name))
        {
          g_byte_array_set_size (data, 0);
          g_byte_array_append (data, (const guint8 *) contents, strlen (contents));
          archive_entry_set_size (entry, data->len);
        }

      CU_ASSERT_EQUAL_FATAL (archive_write_header (writer, entry), ARCHIVE_OK);
      CU_ASSERT_EQUAL_FATAL (archive_write_data (writer, data->data, data->len), (la_ssize_t) data->len);
    }

  archive_write_close (writer);
  archive_write_free (writer);
  archive_read_free (reader);
  return g_bytes_new (buffer, used);
}

/* The suite ----------------------------------------------------------------- */

static int
init_suite (void)
{
  g_autoptr(GError) error = NULL;

  tmpdir = zicha_test_make_tmpdir ();
  db_path = g_build_filename (tmpdir, "platform.db", NULL);

  form_path = zicha_form_default_path ();
  if (form_path == NULL)
    return 1;
  form = zicha_form_new_from_file (form_path, &error);
  if (form == NULL)
    return 1;

  session = soup_session_new_with_options ("timeout", 60, "user-agent", "zicha-test ", NULL);
  return 0;
}

static int
clean_suite (void)
{
  g_clear_pointer (&server, zicha_test_platform_stop);
  g_clear_object (&session);
  g_clear_object (&form);
  g_clear_pointer (&package_a, g_bytes_unref);
  g_clear_pointer (&package_a_changed, g_bytes_unref);
  g_clear_pointer (&package_b, g_bytes_unref);
  g_clear_pointer (&receipt_a, g_bytes_unref);
  g_free (uuid_a);
  g_free (uuid_b);
  g_free (digest_a);
  g_free (digest_a_changed);
  g_free (digest_b);
  g_free (token_a);
  g_free (token_b);
  g_free (base_uri);
  g_free (form_path);
  g_free (db_path);
  zicha_test_rmdir (tmpdir);
  g_free (tmpdir);
  return 0;
}

/* The tests ----------------------------------------------------------------- */

/* CUnit allows no assertions in a suite's init: the set-up is the first
 * test, and the others stop at once when it failed. */
#define REQUIRE_SET_UP() \
  CU_ASSERT_FATAL (server != NULL && package_a != NULL && package_b != NULL && token_a != NULL && token_b != NULL)

static void
test_set_up (void)
{
  make_packages ();

  token_a = add_unit (UNIT_A, "厦门市鹭屿实验中学");
  token_b = add_unit (UNIT_B, "另一所学校");
  /* A new database: units, and no submissions yet. */
  CU_ASSERT_EQUAL (count_submission_lines (NULL), 0);

  start_default_server ();
}

static void
test_add_unit (void)
{
  REQUIRE_SET_UP ();

  /* Registered in init: tokens are 256 bits of base64url, and differ. */
  CU_ASSERT_EQUAL (strlen (token_a), 47);
  CU_ASSERT_STRING_NOT_EQUAL (token_a, token_b);

  /* Once per unit; codes are checked. */
  CU_ASSERT_EQUAL (run_platform (NULL, "add-unit", "--db", db_path, UNIT_A, "again", NULL), 1);
  CU_ASSERT_EQUAL (run_platform (NULL, "add-unit", "--db", db_path, "12350200426309179X", "bad", NULL), 1);
  CU_ASSERT_EQUAL (run_platform (NULL, "add-unit", "--db", db_path, UNIT_B, NULL), 2);
  CU_ASSERT_EQUAL (run_platform (NULL, "add-unit", UNIT_B, "no database", NULL), 2);
}

/* The second report's bytes at the first one's address. */
static void
test_uuid_mismatch (void)
{
  g_autoptr(Response) response = put_package (uuid_a, token_a, package_b, digest_b);

  ASSERT_ERROR (response, 422, "uuid_mismatch");
}

static void
test_upload_created (void)
{
  g_autoptr(Response) response = put_package (uuid_a, token_a, package_a, digest_a);
  g_autofree char *location = g_strdup_printf ("/api/v1/reports/%s/receipt", uuid_a);
  g_autoptr(Response) other = NULL;
  JsonObject *receipt;
  JsonObject *signature;

  CU_ASSERT_PTR_NOT_NULL_FATAL (response);
  CU_ASSERT_EQUAL_FATAL (response->status, 201);
  CU_ASSERT_PTR_NOT_NULL_FATAL (response->json);
  ZICHA_ASSERT_STR_EQ (soup_message_headers_get_one (response->headers, "Location"), location);

  receipt = json_object_get_object_member (json_node_get_object (response->json), "receipt");
  signature = json_object_get_object_member (json_node_get_object (response->json), "signature");
  CU_ASSERT_PTR_NOT_NULL_FATAL (receipt);
  CU_ASSERT_PTR_NOT_NULL_FATAL (signature);
  ZICHA_ASSERT_STR_EQ (json_object_get_string_member (receipt, "report_uuid"), uuid_a);
  ZICHA_ASSERT_STR_EQ (json_object_get_string_member (receipt, "digest"), digest_a);
  ZICHA_ASSERT_STR_EQ (json_object_get_string_member (receipt, "unit_code"), UNIT_A);
  ZICHA_ASSERT_STR_EQ (json_object_get_string_member (receipt, "kind"), "report");
  CU_ASSERT (g_str_has_prefix (json_object_get_string_member (receipt, "number"), "ZP-"));
  CU_ASSERT (g_str_has_suffix (json_object_get_string_member (receipt, "received_at"), "Z"));
  CU_ASSERT_EQUAL (json_object_get_int_member (receipt, "package_size"), (gint64) g_bytes_get_size (package_a));
  ZICHA_ASSERT_STR_EQ (json_object_get_string_member (signature, "algorithm"), "HMAC-SHA256");
  CU_ASSERT_EQUAL (strlen (json_object_get_string_member (signature, "value")), 64);

  receipt_a = g_bytes_ref (response->body);

  /* B is the unit's other report. */
  other = put_package (uuid_b, token_a, package_b, digest_b);
  CU_ASSERT_PTR_NOT_NULL_FATAL (other);
  CU_ASSERT_EQUAL (other->status, 201);
}

static void
test_upload_again (void)
{
  g_autoptr(Response) again = put_package (uuid_a, token_a, package_a, digest_a);
  g_autofree char *path = g_strconcat ("/api/v1/reports/", uuid_a, NULL);
  Request with_expect = {
    .method = "PUT", .path = path, .token = token_a, .content_type = PACKAGE_TYPE,
    .body = package_a, .digest = digest_a, .expect_continue = TRUE,
  };
  g_autoptr(Response) expecting = send_request (session, &with_expect);

  CU_ASSERT_PTR_NOT_NULL_FATAL (receipt_a);
  CU_ASSERT_PTR_NOT_NULL_FATAL (again);
  CU_ASSERT_EQUAL (again->status, 200);
  CU_ASSERT_TRUE (g_bytes_equal (again->body, receipt_a));

  CU_ASSERT_PTR_NOT_NULL_FATAL (expecting);
  CU_ASSERT_EQUAL (expecting->status, 200);
  CU_ASSERT_TRUE (g_bytes_equal (expecting->body, receipt_a));
}

static void
test_receipt (void)
{
  g_autoptr(Response) response = get_receipt (uuid_a, token_a);
  g_autoptr(Response) missing = get_receipt ("00000000-0000-4000-8000-000000000000", token_a);

  CU_ASSERT_PTR_NOT_NULL_FATAL (response);
  CU_ASSERT_EQUAL (response->status, 200);
  CU_ASSERT_TRUE (g_bytes_equal (response->body, receipt_a));

  ASSERT_ERROR (missing, 404, "not_found");
}

static void
test_conflict (void)
{
  g_autoptr(Response) response = put_package (uuid_a, token_a, package_a_changed, digest_a_changed);

  ASSERT_ERROR (response, 409, "conflict");
  ZICHA_ASSERT_STR_EQ (error_member (response, "existing_digest"), digest_a);
}

static void
test_wrong_token (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strconcat ("/api/v1/reports/", uuid_a, "/receipt", NULL);
  const char *bogus = "zt1_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
  g_autoptr(Response) upload = put_package (uuid_b, bogus, package_b, digest_b);
  g_autoptr(Response) no_token = get (path, NULL);
  g_autoptr(Response) unknown = get (path, bogus);
  Request malformed_request = { .method = "GET", .path = path, .authorization = "Bearer x" };
  Request basic_request = { .method = "GET", .path = path, .authorization = "Basic dXNlcjpwYXNz" };
  g_autoptr(Response) malformed = send_request (session, &malformed_request);
  g_autoptr(Response) basic = send_request (session, &basic_request);

  ASSERT_ERROR (upload, 401, "unauthorized");
  ZICHA_ASSERT_STR_EQ (soup_message_headers_get_one (upload->headers, "WWW-Authenticate"), "Bearer realm=\"zicha\"");
  ASSERT_ERROR (no_token, 401, "unauthorized");
  ASSERT_ERROR (unknown, 401, "unauthorized");
  ASSERT_ERROR (malformed, 401, "unauthorized");
  ASSERT_ERROR (basic, 401, "unauthorized");
}

/* Unit B reaches nothing of unit A, and cannot tell it exists. */
static void
test_other_unit (void)
{
  g_autoptr(Response) receipt = get_receipt (uuid_a, token_b);
  g_autoptr(Response) nothing = get_receipt ("00000000-0000-4000-8000-000000000000", token_b);
  g_autoptr(Response) upload = put_package (uuid_a, token_b, package_a, digest_a);
  g_autoptr(Response) conflict_probe = put_package (uuid_a, token_b, package_a_changed, digest_a_changed);

  ASSERT_ERROR (receipt, 404, "not_found");
  ASSERT_ERROR (nothing, 404, "not_found");
  CU_ASSERT_TRUE (g_bytes_equal (receipt->body, nothing->body));

  /* A's package under B's token: refused for its unit, not answered with
   * A's receipt. */
  ASSERT_ERROR (upload, 422, "unit_mismatch");
  ASSERT_ERROR (conflict_probe, 422, "unit_mismatch");
}

static void
test_too_large (void)
{
  g_autoptr(GInputStream) never_read = g_memory_input_stream_new_from_data ("PK", 2, NULL);
  Request request = {
    .method = "PUT", .path = "/api/v1/reports/11111111-1111-4111-8111-111111111111", .token = token_a,
    .content_type = PACKAGE_TYPE, .digest = digest_b, .expect_continue = TRUE,
    .body_stream = never_read, .body_length = (gssize) ZICHA_PACKAGE_MAX_SIZE + 1,
  };
  g_autoptr(Response) response = send_request (session, &request);
  JsonObject *error;

  /* Decided from Content-Length: with Expect: 100-continue the body is
   * never sent. */
  ASSERT_ERROR (response, 413, "too_large");
  error = json_object_get_object_member (json_node_get_object (response->json), "error");
  CU_ASSERT_EQUAL (json_object_get_int_member (error, "limit"), (gint64) ZICHA_PACKAGE_MAX_SIZE);
}

/* A body over a lowered limit, sent without asking first: read, discarded,
 * refused. */
static void
test_too_large_body (void)
{
  const char * const small_limit[] = { "--max-package-size", "1024", NULL };
  g_autoptr(Response) response = NULL;
  g_autoptr(Response) after = NULL;

  start_server (small_limit);
  response = put_package ("22222222-2222-4222-8222-222222222222", token_a, package_b, digest_b);
  ASSERT_ERROR (response, 413, "too_large");
  start_default_server ();

  after = get ("/api/v1/forms", token_a);
  CU_ASSERT_PTR_NOT_NULL_FATAL (after);
  CU_ASSERT_EQUAL (after->status, 200);
}

static void
test_tampered (void)
{
  const char *fresh = "33333333-3333-4333-8333-333333333333";
  g_autoptr(GByteArray) flipped = g_byte_array_new ();
  g_autoptr(GBytes) damaged = NULL;
  g_autoptr(GBytes) rewritten = NULL;
  g_autoptr(Response) damaged_response = NULL;
  g_autoptr(Response) rewritten_response = NULL;
  const guint8 *data;
  gsize size;
  const guint8 *name;
  gsize offset;

  /* One byte of answers.json's compressed data flipped in the file: the
   * ZIP reader refuses it (CRC or inflate error). */
  data = g_bytes_get_data (package_b, &size);
  g_byte_array_append (flipped, data, size);
  name = NULL;
  for (gsize at = 0; name == NULL && at + strlen ("answers.json") <= size; at++)
    if (memcmp (data + at, "answers.json", strlen ("answers.json")) == 0)
      name = data + at;
  CU_ASSERT_PTR_NOT_NULL_FATAL (name);
  offset = (name - data) + strlen ("answers.json") + 40;
  CU_ASSERT_FATAL (offset < size);
  flipped->data[offset] ^= 0x5a;
  damaged = g_byte_array_free_to_bytes (g_steal_pointer (&flipped));

  damaged_response = put_package (uuid_b, token_b, damaged, digest_b);
  ASSERT_ERROR (damaged_response, 422, "package_refused");

  /* A sound ZIP whose answers are not what the manifest hashed. */
  rewritten = replace_entry (package_b, "answers.json", "{\"answers\":{}}");
  rewritten_response = put_package (fresh, token_a, rewritten, digest_b);
  ASSERT_ERROR (rewritten_response, 422, "package_refused");
  ZICHA_ASSERT_STR_EQ (error_member (rewritten_response, "package_error"), "hash_mismatch");
}

static void
test_malformed (void)
{
  const char *fresh = "44444444-4444-4444-8444-444444444444";
  g_autofree char *fresh_path = g_strconcat ("/api/v1/reports/", fresh, NULL);
  g_autoptr(GBytes) garbage = g_bytes_new_static ("this is not a zip file at all", 29);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GInputStream) chunked_stream = g_memory_input_stream_new_from_bytes (package_b);
  g_autoptr(Response) response = NULL;
  Request request = { 0 };

  response = put_package (fresh, token_a, garbage, digest_b);
  ASSERT_ERROR (response, 422, "package_refused");
  ZICHA_ASSERT_STR_EQ (error_member (response, "package_error"), "not_a_zip");
  g_clear_pointer (&response, response_free);

  response = put_package (fresh, token_a, empty, digest_b);
  ASSERT_ERROR (response, 422, "package_refused");
  g_clear_pointer (&response, response_free);

  response = put_package ("not-a-uuid", token_a, package_b, digest_b);
  ASSERT_ERROR (response, 400, "invalid_uuid");
  g_clear_pointer (&response, response_free);

  response = put_package ("44444444-4444-4444-8444-44444444444A", token_a, package_b, digest_b);
  ASSERT_ERROR (response, 400, "invalid_uuid");
  g_clear_pointer (&response, response_free);

  response = put_package (fresh, token_a, package_b, NULL);
  ASSERT_ERROR (response, 400, "missing_digest");
  g_clear_pointer (&response, response_free);

  response = put_package (fresh, token_a, package_b, "ABCDEF");
  ASSERT_ERROR (response, 400, "invalid_digest");
  g_clear_pointer (&response, response_free);

  /* B's package at its own address, but declaring another digest (unit B
   * has not delivered uuid_b, so it is verified). */
  response = put_package (uuid_b, token_b, package_b, digest_a_changed);
  ASSERT_ERROR (response, 422, "digest_mismatch");
  ZICHA_ASSERT_STR_EQ (error_member (response, "package_digest"), digest_b);
  g_clear_pointer (&response, response_free);

  request = (Request) { .method = "PUT", .path = fresh_path, .token = token_a, .content_type = "application/zip",
                        .body = package_b, .digest = digest_b };
  response = send_request (session, &request);
  ASSERT_ERROR (response, 415, "unsupported_media_type");
  g_clear_pointer (&response, response_free);

  request = (Request) { .method = "PUT", .path = fresh_path, .token = token_a, .content_type = PACKAGE_TYPE,
                        .digest = digest_b, .body_stream = chunked_stream, .body_length = -1 };
  response = send_request (session, &request);
  ASSERT_ERROR (response, 411, "length_required");
  g_clear_pointer (&response, response_free);

  request = (Request) { .method = "POST", .path = fresh_path, .token = token_a, .content_type = PACKAGE_TYPE,
                        .body = package_b, .digest = digest_b };
  response = send_request (session, &request);
  ASSERT_ERROR (response, 405, "method_not_allowed");
  ZICHA_ASSERT_STR_EQ (soup_message_headers_get_one (response->headers, "Allow"), "PUT");
  g_clear_pointer (&response, response_free);

  request = (Request) { .method = "DELETE", .path = fresh_path, .token = token_a };
  response = send_request (session, &request);
  ASSERT_ERROR (response, 405, "method_not_allowed");
  g_clear_pointer (&response, response_free);

  request = (Request) { .method = "GET", .path = fresh_path, .token = token_a };
  response = send_request (session, &request);
  ASSERT_ERROR (response, 405, "method_not_allowed");
  g_clear_pointer (&response, response_free);

  request = (Request) { .method = "PUT", .path = "/api/v1/forms", .token = token_a, .content_type = PACKAGE_TYPE,
                        .body = garbage, .digest = digest_b };
  response = send_request (session, &request);
  ASSERT_ERROR (response, 405, "method_not_allowed");
  g_clear_pointer (&response, response_free);

  response = get ("/api/v1/nothing-here", token_a);
  ASSERT_ERROR (response, 404, "not_found");
  g_clear_pointer (&response, response_free);

  response = get ("/api/v1/reports//receipt", token_a);
  ASSERT_ERROR (response, 404, "not_found");
  g_clear_pointer (&response, response_free);

  response = get ("/", NULL);
  ASSERT_ERROR (response, 404, "not_found");
  g_clear_pointer (&response, response_free);

  response = get ("/api/v1/notices?since=yesterday", token_a);
  ASSERT_ERROR (response, 400, "invalid_query");
  g_clear_pointer (&response, response_free);

  /* Still there, and nothing of the above was stored. */
  response = get_receipt (fresh, token_a);
  ASSERT_ERROR (response, 404, "not_found");
}

static void
test_forms (void)
{
  g_autoptr(Response) list = get ("/api/v1/forms", token_a);
  g_autoptr(Response) definition = NULL;
  g_autoptr(Response) missing = get ("/api/v1/forms/no-such-form/1", token_a);
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) gfile = g_file_new_for_path (form_path);
  g_autofree char *sha256 = NULL;
  g_autofree char *url = NULL;
  JsonArray *forms;
  JsonObject *first;

  file = g_file_load_bytes (gfile, NULL, NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (file);
  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, file);

  CU_ASSERT_PTR_NOT_NULL_FATAL (list);
  CU_ASSERT_EQUAL (list->status, 200);
  CU_ASSERT_PTR_NOT_NULL_FATAL (list->json);
  forms = json_object_get_array_member (json_node_get_object (list->json), "forms");
  CU_ASSERT_FATAL (forms != NULL && json_array_get_length (forms) >= 1);
  first = json_array_get_object_element (forms, 0);
  ZICHA_ASSERT_STR_EQ (json_object_get_string_member (first, "id"), zicha_form_get_id (form));
  CU_ASSERT_EQUAL (json_object_get_int_member (first, "version"), zicha_form_get_version (form));
  ZICHA_ASSERT_STR_EQ (json_object_get_string_member (first, "sha256"), sha256);

  url = g_strdup (json_object_get_string_member (first, "url"));
  definition = get (url, token_a);
  CU_ASSERT_PTR_NOT_NULL_FATAL (definition);
  CU_ASSERT_EQUAL (definition->status, 200);
  CU_ASSERT_TRUE (g_bytes_equal (definition->body, file));

  ASSERT_ERROR (missing, 404, "not_found");
}

static void
test_notices (void)
{
  g_autoptr(Response) all = get ("/api/v1/notices", token_a);
  g_autoptr(Response) since = get ("/api/v1/notices?since=2019-07-09T09:30:00Z", token_a);
  g_autoptr(Response) one = get ("/api/v1/notices/55555555-5555-4555-8555-555555555555", token_a);
  JsonObject *object;

  CU_ASSERT_PTR_NOT_NULL_FATAL (all);
  CU_ASSERT_EQUAL (all->status, 200);
  CU_ASSERT_PTR_NOT_NULL_FATAL (all->json);
  object = json_node_get_object (all->json);
  CU_ASSERT_EQUAL (json_array_get_length (json_object_get_array_member (object, "notices")), 0);
  CU_ASSERT_FALSE (json_object_get_boolean_member (object, "more"));
  CU_ASSERT_PTR_NOT_NULL (json_object_get_string_member_with_default (object, "server_time", NULL));

  CU_ASSERT_PTR_NOT_NULL_FATAL (since);
  CU_ASSERT_EQUAL (since->status, 200);
  ASSERT_ERROR (one, 404, "not_found");
}

static void
test_rate_limit (void)
{
  const char * const three_a_minute[] = { "--rate-limit", "3", NULL };
  guint limited = 0;

  start_server (three_a_minute);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(Response) response = get ("/api/v1/forms", token_a);

      CU_ASSERT_PTR_NOT_NULL_FATAL (response);
      if (response->status == 429)
        {
          const char *retry_after = soup_message_headers_get_one (response->headers, "Retry-After");

          ZICHA_ASSERT_STR_EQ (error_code (response), "rate_limited");
          CU_ASSERT (retry_after != NULL && g_ascii_strtoull (retry_after, NULL, 10) >= 1);
          limited++;
        }
    }
  CU_ASSERT_EQUAL (limited, 2);

  /* Per token: the other unit is not slowed down. */
  {
    g_autoptr(Response) other = get ("/api/v1/forms", token_b);

    CU_ASSERT_PTR_NOT_NULL_FATAL (other);
    CU_ASSERT_EQUAL (other->status, 200);
  }

  start_default_server ();
}

static void
test_list_submissions (void)
{
  g_autofree char *out = NULL;
  g_autofree char *expected_a = g_strdup_printf ("%s %s %s ", UNIT_A, uuid_a, digest_a);

  /* A and B, each once, whatever was sent again or refused. */
  CU_ASSERT_EQUAL (count_submission_lines (NULL), 2);
  CU_ASSERT_EQUAL (count_submission_lines (uuid_a), 1);
  CU_ASSERT_EQUAL (count_submission_lines (uuid_b), 1);

  CU_ASSERT_EQUAL (run_platform (&out, "list-submissions", "--db", db_path, NULL), 0);
  CU_ASSERT (g_str_has_prefix (out, expected_a));
}

static void
test_show_receipt (void)
{
  g_autofree char *out = NULL;
  g_autofree char *expected = NULL;

  CU_ASSERT_PTR_NOT_NULL_FATAL (receipt_a);
  expected = g_strdup_printf ("%.*s\n", (int) g_bytes_get_size (receipt_a), (const char *) g_bytes_get_data (receipt_a, NULL));
  CU_ASSERT_EQUAL (run_platform (&out, "show-receipt", "--db", db_path, uuid_a, NULL), 0);
  ZICHA_ASSERT_STR_EQ (out, expected);

  CU_ASSERT_EQUAL (run_platform (NULL, "show-receipt", "--db", db_path,
                                 "00000000-0000-4000-8000-000000000000", NULL), 1);
}

/* Submissions and receipts survive a restart on the same database. */
static void
test_restart (void)
{
  g_autoptr(Response) receipt = NULL;
  g_autoptr(Response) again = NULL;
  g_autoptr(Response) conflict = NULL;

  start_default_server ();

  receipt = get_receipt (uuid_a, token_a);
  CU_ASSERT_PTR_NOT_NULL_FATAL (receipt);
  CU_ASSERT_EQUAL (receipt->status, 200);
  CU_ASSERT_TRUE (g_bytes_equal (receipt->body, receipt_a));

  again = put_package (uuid_a, token_a, package_a, digest_a);
  CU_ASSERT_PTR_NOT_NULL_FATAL (again);
  CU_ASSERT_EQUAL (again->status, 200);
  CU_ASSERT_TRUE (g_bytes_equal (again->body, receipt_a));

  conflict = put_package (uuid_a, token_a, package_a_changed, digest_a_changed);
  ASSERT_ERROR (conflict, 409, "conflict");

  CU_ASSERT_EQUAL (count_submission_lines (NULL), 2);
}

/* HTTPS with a self-signed certificate the client trusts explicitly. */
static gboolean
accept_test_certificate (SoupMessage          *msg,
                         GTlsCertificate      *certificate,
                         GTlsCertificateFlags  errors,
                         gpointer              user_data)
{
  return g_tls_certificate_is_same (certificate, user_data);
}

static void
test_tls (void)
{
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autofree char *cert = g_build_filename (tmpdir, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (tmpdir, "key.pem", NULL);
  g_autofree char *uri = NULL;
  g_autofree char *authorization = g_strconcat ("Bearer ", token_a, NULL);
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GSubprocess) make_cert = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) trusted = NULL;
  g_autoptr(SoupMessage) untrusted = NULL;
  g_autoptr(GBytes) body = NULL;
  const char *tls_args[5] = { "--tls-cert", cert, "--tls-key", key, NULL };

  if (openssl == NULL)
    {
      g_printerr ("openssl is not installed: TLS not tested\n");
      return;
    }

  make_cert = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                                openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                                "-keyout", key, "-out", cert, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (make_cert);
  CU_ASSERT_TRUE_FATAL (g_subprocess_wait_check (make_cert, NULL, &error));
  certificate = g_tls_certificate_new_from_file (cert, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (certificate);

  start_server (tls_args);
  CU_ASSERT (g_str_has_prefix (base_uri, "https://127.0.0.1:"));
  uri = g_strconcat (base_uri, "/api/v1/forms", NULL);

  /* Not trusted: refused by the client, never sent. */
  untrusted = soup_message_new ("GET", uri);
  body = soup_session_send_and_read (session, untrusted, NULL, &error);
  CU_ASSERT_PTR_NULL (body);
  CU_ASSERT_TRUE (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE));
  g_clear_error (&error);

  /* Trusted explicitly: the certificate compared with the one we made. */
  trusted = soup_message_new ("GET", uri);
  soup_message_headers_replace (soup_message_get_request_headers (trusted), "Authorization", authorization);
  g_signal_connect (trusted, "accept-certificate", G_CALLBACK (accept_test_certificate), certificate);
  body = soup_session_send_and_read (session, trusted, NULL, &error);
  CU_ASSERT_PTR_NOT_NULL (body);
  CU_ASSERT_EQUAL (soup_message_get_status (trusted), 200);

  start_default_server ();
}

int
main (void)
{
  static const ZichaTestCase cases[] = {
    { "/platform/set-up", test_set_up },
    { "/platform/add-unit", test_add_unit },
    { "/platform/upload/uuid-mismatch", test_uuid_mismatch },
    { "/platform/upload/created", test_upload_created },
    { "/platform/upload/again", test_upload_again },
    { "/platform/receipt", test_receipt },
    { "/platform/upload/conflict", test_conflict },
    { "/platform/auth/wrong-token", test_wrong_token },
    { "/platform/auth/other-unit", test_other_unit },
    { "/platform/upload/too-large", test_too_large },
    { "/platform/upload/too-large-body", test_too_large_body },
    { "/platform/upload/tampered", test_tampered },
    { "/platform/malformed", test_malformed },
    { "/platform/forms", test_forms },
    { "/platform/notices", test_notices },
    { "/platform/rate-limit", test_rate_limit },
    { "/platform/list-submissions", test_list_submissions },
    { "/platform/show-receipt", test_show_receipt },
    { "/platform/restart", test_restart },
    { "/platform/tls", test_tls },
    { NULL, NULL }
  };

  return zicha_test_run ("platform", init_suite, clean_suite, cases);
}
