/*
 * netaddr.h - lists of IP addresses and networks, as an administrator
 * writes them: "10.0.0.2,10.1.0.0/16,2001:db8::/32".
 *
 * For telling whether a peer is one of the load balancers a server
 * trusts (serve --proxy): an address alone is itself; ADDR/BITS is every
 * address whose first BITS bits are ADDR's.  IPv4 and IPv6; an address
 * of one family never matches a network of the other.
 */
#ifndef CTM_CORE_NETADDR_H
#define CTM_CORE_NETADDR_H

#include "buf.h"

/*
 * 0 when every item of the comma-separated list is an address or a
 * network; else -1 with the first that is not in bad.
 */
int netaddr_list_check(const char *list, Buf *bad);

/* 1 when addr (an address as text) is in one of the list's items. */
int netaddr_listed(const char *list, const char *addr);

#endif
