/* zicha-command-line.h — the commands of zicha-cli and zicha-platform
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both programs take "PROGRAM [--help] [--version] COMMAND [ARGUMENTS…]"
 * and answer --version, --help, help and an unknown command the same way.
 */
#pragma once

#include <stdio.h>

#include <glib.h>

G_BEGIN_DECLS

/* What the programs exit with. */
#define ZICHA_EXIT_OK     0
#define ZICHA_EXIT_USAGE  2

typedef struct
{
  const char *name;
  const char *parameters;  /* N_() marked; shown after the name, may be "" */
  const char *summary;     /* N_() marked */
  int       (*run) (int argc, char **argv);  /* argv[0] is the command's name */
} ZichaCommand;

typedef void (*ZichaUsageFunc) (FILE *stream);

/* Runs the command named by @argv[1] with the arguments after it, or
 * prints @program's version or usage. An unknown or missing command
 * prints why and the usage to stderr and returns ZICHA_EXIT_USAGE.
 * @commands ends with a { NULL } entry. */
int zicha_command_line_run (const char          *program,
                            const ZichaCommand  *commands,
                            ZichaUsageFunc       print_usage,
                            int                  argc,
                            char               **argv);

G_END_DECLS
