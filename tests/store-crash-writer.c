/* store-crash-writer.c — saves edits as fast as it can until it is killed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Used by test-store-crash: after each edit the store reported as saved, it
 * prints the edit's number on its own line. Whatever it printed must be in
 * the database after a kill -9.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "zicha-store.h"

#define MAX_EDITS 100000

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaStore) store = NULL;
  const char *report;
  gint64 first;

  if (argc != 4)
    {
      fprintf (stderr, "usage: store-crash-writer DB REPORT FIRST-EDIT\n");
      return 2;
    }
  report = argv[2];
  first = g_ascii_strtoll (argv[3], NULL, 10);

  store = zicha_store_open (argv[1], &error);
  if (store == NULL)
    {
      fprintf (stderr, "open: %s\n", error->message);
      return 1;
    }

  for (gint64 i = first; i < first + MAX_EDITS; i++)
    {
      g_autofree char *path = g_strdup_printf ("crash.edit%" G_GINT64_FORMAT, i);
      g_autoptr(JsonNode) value = json_node_new (JSON_NODE_VALUE);

      json_node_set_int (value, i);
      if (!zicha_store_set_value (store, report, path, NULL, value, &error))
        {
          fprintf (stderr, "edit %" G_GINT64_FORMAT ": %s\n", i, error->message);
          return 1;
        }

      /* One write(2) of a short line: atomic on a pipe. */
      printf ("%" G_GINT64_FORMAT "\n", i);
      fflush (stdout);
    }

  return 0;
}
