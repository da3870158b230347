/* fault-proxy.h — an HTTP proxy on 127.0.0.1 that misbehaves on purpose
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A SoupServer on 127.0.0.1 (port 0) in the test process that forwards
 * every request, body included, to an upstream server with a SoupSession
 * and relays the answer, except that for each request a seeded GRand
 * picks a fault (FaultProxyKind): the connection is closed without an
 * answer (before or after the request was forwarded), the request is held
 * for a bounded time, the proxy answers 500, 502 or 503 itself without
 * forwarding, or it forwards and then cuts the answer in half (closing
 * the connection in the middle of the body, or sending a well-framed
 * response with only the first half of the body). When the upstream
 * cannot be reached the proxy answers 502, as a reverse proxy does.
 *
 * The upstream can be changed at any time (a restarted server listens on
 * another port). Everything runs in the thread-default main context of
 * the thread that made the proxy; nothing blocks it except the writes of
 * a cut answer to a local socket.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  FAULT_PROXY_PASS,        /* forwarded and relayed unchanged */
  FAULT_PROXY_DROP,        /* closed without an answer, not forwarded */
  FAULT_PROXY_DROP_AFTER,  /* forwarded, then closed without an answer */
  FAULT_PROXY_DELAY,       /* held (before or after forwarding), then relayed */
  FAULT_PROXY_500,         /* answered 500 by the proxy, not forwarded */
  FAULT_PROXY_502,         /* answered 502 by the proxy, not forwarded */
  FAULT_PROXY_503,         /* answered 503 with Retry-After 0 or 1, not forwarded */
  FAULT_PROXY_CUT,         /* forwarded; headers and half the body, then closed */
  FAULT_PROXY_CUT_FRAMED,  /* forwarded; a response whose body is the first half */
  FAULT_PROXY_N_KINDS
} FaultProxyKind;

typedef struct _FaultProxy FaultProxy;

/* @upstream: "http://127.0.0.1:PORT/" (nullable: every forward gets 502
 * until one is set). Returns NULL after a message when it cannot listen. */
FaultProxy  *fault_proxy_new            (const char     *upstream,
                                         guint32         seed);
void         fault_proxy_free           (FaultProxy     *proxy);
/* "http://127.0.0.1:PORT/" */
const char  *fault_proxy_get_url        (FaultProxy     *proxy);
void         fault_proxy_set_upstream   (FaultProxy     *proxy,
                                         const char     *upstream);
/* Relative weights of the kinds (FAULT_PROXY_N_KINDS of them); the
 * default gives about half the requests a fault. All zero but PASS: a
 * plain proxy. */
void         fault_proxy_set_weights    (FaultProxy     *proxy,
                                         const guint    *weights);
/* The longest hold of FAULT_PROXY_DELAY, in ms (default 2000). */
void         fault_proxy_set_max_delay  (FaultProxy     *proxy,
                                         guint           max_delay_ms);

/* How many requests got each kind. */
guint        fault_proxy_get_count      (FaultProxy     *proxy,
                                         FaultProxyKind  kind);
guint        fault_proxy_get_n_requests (FaultProxy     *proxy);
/* Forwards that failed (upstream down): answered 502. */
guint        fault_proxy_get_n_upstream_errors (FaultProxy *proxy);
/* PUT requests that came without a body. */
guint        fault_proxy_get_n_empty_puts (FaultProxy   *proxy);
/* Requests still being handled (held, forwarded, not answered). */
guint        fault_proxy_get_n_in_flight (FaultProxy    *proxy);
/* Upstream answers relayed (or cut), by status class: [2] 2xx … [5] 5xx. */
guint        fault_proxy_get_n_upstream_status (FaultProxy *proxy,
                                                guint       status_class);
const char  *fault_proxy_kind_to_string (FaultProxyKind  kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FaultProxy, fault_proxy_free)

G_END_DECLS
