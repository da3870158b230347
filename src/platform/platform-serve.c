/* platform-serve.c — zicha-platform serve
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first line on standard output is "listening on URI", flushed, so a
 * test or a supervisor that started the server with --port 0 learns the
 * port. SIGTERM and SIGINT stop it cleanly.
 */
#define G_LOG_DOMAIN "zicha-platform"

#include "config.h"

#include <signal.h>
#include <stdio.h>

#include <glib-unix.h>
#include <glib/gi18n.h>

#include "platform-commands.h"
#include "zicha-form.h"
#include "zicha-platform-server.h"

static gboolean
quit_on_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static char *
default_forms_dir (void)
{
  g_autofree char *path = zicha_form_default_path ();

  return path != NULL ? g_path_get_dirname (path) : NULL;
}

int
platform_serve_run (int    argc,
                    char **argv)
{
  g_autofree char *db_path = NULL;
  g_autofree char *address = NULL;
  g_autofree char *tls_cert = NULL;
  g_autofree char *tls_key = NULL;
  g_autofree char *forms_dir = NULL;
  int port = -1;
  int rate_limit = ZICHA_PLATFORM_DEFAULT_RATE_LIMIT;
  gint64 max_package_size = 0;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The platform database"), N_("PATH") },
    { "port", 0, 0, G_OPTION_ARG_INT, &port, N_("Listen on port N (0: any free port)"), N_("N") },
    { "address", 0, 0, G_OPTION_ARG_STRING, &address, N_("Listen on this IP address (default 127.0.0.1)"),
      N_("ADDRESS") },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &tls_cert, N_("Serve HTTPS with this PEM certificate"), N_("FILE") },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &tls_key, N_("The PEM private key of the certificate"), N_("FILE") },
    { "rate-limit", 0, 0, G_OPTION_ARG_INT, &rate_limit,
      N_("Requests per minute per token (default 120; 0: no limit)"), N_("N") },
    { "max-package-size", 0, 0, G_OPTION_ARG_INT64, &max_package_size,
      N_("Refuse packages larger than BYTES (default 272 MiB)"), N_("BYTES") },
    { "forms-dir", 0, 0, G_OPTION_ARG_FILENAME, &forms_dir,
      N_("Serve and accept the form definitions in DIR (default: the installed forms)"), N_("DIR") },
    { NULL }
  };
  g_autoptr(ZichaPlatformStorage) storage = NULL;
  g_autoptr(ZichaPlatformServer) server = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base_uri = NULL;
  guint sigterm_id, sigint_id;

  if (!platform_parse_options ("serve", _("--db PATH --port N"), entries, &argc, &argv))
    return PLATFORM_EXIT_USAGE;

  if (argc != 1)
    return platform_fail (PLATFORM_EXIT_USAGE, "%s", _("serve: unexpected arguments"));
  if (port < 0 || port > 65535)
    return platform_fail (PLATFORM_EXIT_USAGE, "%s", _("serve: say which port to listen on with --port N (0: any free port)"));
  if ((tls_cert == NULL) != (tls_key == NULL))
    return platform_fail (PLATFORM_EXIT_USAGE, "%s", _("serve: --tls-cert and --tls-key go together"));
  if (rate_limit < 0)
    return platform_fail (PLATFORM_EXIT_USAGE, "%s", _("serve: --rate-limit cannot be negative"));
  if (max_package_size < 0)
    return platform_fail (PLATFORM_EXIT_USAGE, "%s", _("serve: --max-package-size cannot be negative"));

  if (forms_dir == NULL)
    forms_dir = default_forms_dir ();
  if (forms_dir == NULL)
    return platform_fail (PLATFORM_EXIT_USAGE, _("serve: the form definitions (%s) are not installed; use --forms-dir DIR"),
                          ZICHA_FORM_DEFAULT_FILE_NAME);

  if (tls_cert != NULL)
    {
      certificate = g_tls_certificate_new_from_files (tls_cert, tls_key, &error);
      if (certificate == NULL)
        return platform_fail (PLATFORM_EXIT_USAGE, "%s", error->message);
    }

  storage = platform_open_storage (db_path);
  if (storage == NULL)
    return PLATFORM_EXIT_USAGE;

  server = zicha_platform_server_new (storage, forms_dir, &error);
  if (server == NULL)
    return platform_fail (PLATFORM_EXIT_USAGE, "%s", error->message);

  zicha_platform_server_set_rate_limit (server, rate_limit);
  if (max_package_size > 0)
    zicha_platform_server_set_max_package_size (server, max_package_size);

  base_uri = zicha_platform_server_listen (server, address != NULL ? address : "127.0.0.1", port, certificate, &error);
  if (base_uri == NULL)
    return platform_fail (PLATFORM_EXIT_USAGE, "%s", error->message);

  /* Not translated: scripts and tests read it. */
  printf ("listening on %s\n", base_uri);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  sigterm_id = g_unix_signal_add (SIGTERM, quit_on_signal, loop);
  sigint_id = g_unix_signal_add (SIGINT, quit_on_signal, loop);
  g_main_loop_run (loop);
  g_source_remove (sigterm_id);
  g_source_remove (sigint_id);

  zicha_platform_server_disconnect (server);
  return PLATFORM_EXIT_OK;
}
