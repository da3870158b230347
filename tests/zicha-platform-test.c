/* zicha-platform-test.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The asynchronous calls below write into a Pending that outlives the
 * wait: when a wait gives up, the callback, which runs later or never,
 * frees it instead (no stack memory is written to after a return).
 */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "zicha-platform-test.h"
#include "zicha-test.h"

#define START_TIMEOUT_MS 15000
#define RUN_TIMEOUT_MS   30000
#define STOP_TIMEOUT_MS  10000

struct _ZichaTestPlatform
{
  GSubprocess *process;
  char        *url;
};

typedef struct
{
  gboolean  done;
  gboolean  abandoned;  /* the waiter gave up: the callback frees it */
  char     *line;       /* read a line */
  char     *out;        /* communicated */
  char     *err;
  GError   *error;
} Pending;

static void
pending_free (Pending *pending)
{
  g_free (pending->line);
  g_free (pending->out);
  g_free (pending->err);
  g_clear_error (&pending->error);
  g_free (pending);
}

static void
pending_finish (Pending *pending)
{
  pending->done = TRUE;
  if (pending->abandoned)
    pending_free (pending);
}

/* Frees @pending, or leaves that to its callback when it has not run. */
static void
pending_release (Pending *pending)
{
  if (pending->done)
    pending_free (pending);
  else
    pending->abandoned = TRUE;
}

static void
line_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Pending *pending = user_data;

  pending->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL,
                                                             &pending->error);
  pending_finish (pending);
}

static void
communicated_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Pending *pending = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &pending->out, &pending->err,
                                        &pending->error);
  pending_finish (pending);
}

static void
waited_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Pending *pending = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, &pending->error);
  pending_finish (pending);
}

/* Waits for @process to exit, bounded; kills it when it does not. Returns
 * whether it exited by itself. */
static gboolean
wait_for_exit (GSubprocess *process,
               guint        timeout_ms)
{
  Pending *pending = g_new0 (Pending, 1);
  gboolean exited;

  g_subprocess_wait_async (process, NULL, waited_cb, pending);
  exited = zicha_test_wait_for (&pending->done, timeout_ms);
  if (!exited)
    {
      g_subprocess_force_exit (process);
      zicha_test_wait_for (&pending->done, STOP_TIMEOUT_MS);
    }
  pending_release (pending);
  return exited;
}

static gboolean
is_local_url (const char *url)
{
  return g_str_has_prefix (url, "http://127.0.0.1:") || g_str_has_prefix (url, "https://127.0.0.1:");
}

ZichaTestPlatform *
zicha_test_platform_start (const char         *db_path,
                           const char * const *extra_args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  ZichaTestPlatform *platform;
  Pending *read = g_new0 (Pending, 1);
  const char *prefix = "listening on ";

  g_ptr_array_add (argv, (char *) ZICHA_PLATFORM_PATH);
  g_ptr_array_add (argv, (char *) "serve");
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, (char *) db_path);
  g_ptr_array_add (argv, (char *) "--port");
  g_ptr_array_add (argv, (char *) "0");
  g_ptr_array_add (argv, (char *) "--address");
  g_ptr_array_add (argv, (char *) "127.0.0.1");
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) extra_args[i]);
  g_ptr_array_add (argv, NULL);

  platform = g_new0 (ZichaTestPlatform, 1);
  platform->process = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  if (platform->process == NULL)
    {
      g_printerr ("zicha-platform serve: %s\n", error->message);
      g_free (platform);
      pending_free (read);
      return NULL;
    }

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (platform->process));
  g_data_input_stream_read_line_async (lines, G_PRIORITY_DEFAULT, cancellable, line_read_cb, read);
  if (!zicha_test_wait_for (&read->done, START_TIMEOUT_MS))
    g_cancellable_cancel (cancellable);

  if (!read->done || read->line == NULL || !g_str_has_prefix (read->line, prefix) ||
      !is_local_url (read->line + strlen (prefix)))
    {
      g_printerr ("zicha-platform serve did not say (in time) that it listens on 127.0.0.1%s%s\n",
                  read->line != NULL ? ": " : "", read->line != NULL ? read->line : "");
      pending_release (read);
      zicha_test_platform_stop (platform);
      return NULL;
    }

  platform->url = g_strdup (read->line + strlen (prefix));
  pending_release (read);
  return platform;
}

const char *
zicha_test_platform_get_url (ZichaTestPlatform *platform)
{
  g_return_val_if_fail (platform != NULL, NULL);

  return platform->url;
}

int
zicha_test_platform_run_va (char       **out,
                            char       **err,
                            const char  *first_arg,
                            va_list      args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Pending *communication;
  int status = -1;

  g_ptr_array_add (argv, (char *) ZICHA_PLATFORM_PATH);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  if (process == NULL)
    {
      g_printerr ("zicha-platform: %s\n", error->message);
      return -1;
    }

  communication = g_new0 (Pending, 1);
  g_subprocess_communicate_utf8_async (process, NULL, cancellable, communicated_cb, communication);
  if (!zicha_test_wait_for (&communication->done, RUN_TIMEOUT_MS))
    {
      g_printerr ("zicha-platform %s did not finish in time: killed\n", first_arg);
      g_cancellable_cancel (cancellable);
      g_subprocess_force_exit (process);
      pending_release (communication);
      return -1;
    }

  /* Communicated: it has exited too. */
  if (communication->error != NULL)
    g_printerr ("zicha-platform %s: %s\n", first_arg, communication->error->message);
  else if (g_subprocess_get_if_exited (process))
    status = g_subprocess_get_exit_status (process);

  if (err != NULL)
    *err = g_steal_pointer (&communication->err);
  else if (communication->err != NULL && *communication->err != '\0')
    g_printerr ("%s", communication->err);
  if (out != NULL)
    *out = g_steal_pointer (&communication->out);

  pending_release (communication);
  return status;
}

int
zicha_test_platform_run (char       **out,
                         char       **err,
                         const char  *first_arg,
                         ...)
{
  va_list args;
  int status;

  va_start (args, first_arg);
  status = zicha_test_platform_run_va (out, err, first_arg, args);
  va_end (args);

  return status;
}

char *
zicha_test_platform_add_unit (const char *db_path,
                              const char *code,
                              const char *name)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  int status;
  guint n;

  status = zicha_test_platform_run (&out, &err, "add-unit", "--db", db_path, code, name, NULL);
  if (status != 0)
    {
      g_printerr ("zicha-platform add-unit %s: exit status %d\n%s", code, status, err != NULL ? err : "");
      return NULL;
    }

  lines = g_strsplit (g_strchomp (out), "\n", -1);
  n = g_strv_length (lines);
  return n > 0 ? g_strdup (lines[n - 1]) : NULL;
}

gboolean
zicha_test_platform_stop_clean (ZichaTestPlatform *platform)
{
  gboolean clean = TRUE;

  if (platform == NULL)
    return TRUE;

  if (platform->process != NULL)
    {
      g_subprocess_send_signal (platform->process, SIGTERM);
      if (!wait_for_exit (platform->process, STOP_TIMEOUT_MS))
        {
          g_printerr ("zicha-platform serve did not stop on SIGTERM: killed\n");
          clean = FALSE;
        }
      else
        clean = g_subprocess_get_if_exited (platform->process) && g_subprocess_get_exit_status (platform->process) == 0;
      g_clear_object (&platform->process);
    }

  g_free (platform->url);
  g_free (platform);
  return clean;
}

void
zicha_test_platform_stop (ZichaTestPlatform *platform)
{
  zicha_test_platform_stop_clean (platform);
}
