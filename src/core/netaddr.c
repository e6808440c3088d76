/*
 * netaddr.c - lists of IP addresses and networks (netaddr.h).
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "netaddr.h"

/* An address or network parsed: its family's bytes and prefix length. */
typedef struct Net {
	int family; /* AF_INET or AF_INET6 */
	unsigned char a[16];
	int bits;
} Net;

/* Parse the n bytes at s as ADDR or ADDR/BITS; 0, or -1. */
static int
net_parse(const char *s, size_t n, Net *net)
{
	char text[64];
	const char *slash;
	int max;

	if (n == 0 || n >= sizeof(text))
		return -1;
	memcpy(text, s, n);
	text[n] = '\0';
	slash = strchr(text, '/');
	if (slash != NULL)
		text[slash - text] = '\0';
	if (inet_pton(AF_INET, text, net->a) == 1) {
		net->family = AF_INET;
		max = 32;
	} else if (inet_pton(AF_INET6, text, net->a) == 1) {
		net->family = AF_INET6;
		max = 128;
	} else {
		return -1;
	}
	net->bits = max;
	if (slash != NULL) {
		const char *b = slash + 1;
		char *end;
		long v;

		if (*b < '0' || *b > '9')
			return -1;
		v = strtol(b, &end, 10);
		if (*end != '\0' || v > max)
			return -1;
		net->bits = (int)v;
	}
	return 0;
}

/* Do the first bits bits of a and b agree? */
static int
prefix_eq(const unsigned char *a, const unsigned char *b, int bits)
{
	int whole = bits / 8, rest = bits % 8;

	if (memcmp(a, b, (size_t)whole) != 0)
		return 0;
	if (rest == 0)
		return 1;
	return ((a[whole] ^ b[whole]) & (0xff << (8 - rest)) & 0xff) == 0;
}

int
netaddr_list_check(const char *list, Buf *bad)
{
	const char *p = list;

	for (;;) {
		size_t len = strcspn(p, ",");
		Net net;

		if (net_parse(p, len, &net) != 0) {
			buf_append(bad, p, len);
			return -1;
		}
		p += len;
		if (*p++ == '\0')
			return 0;
	}
}

int
netaddr_listed(const char *list, const char *addr)
{
	Net peer, net;

	if (net_parse(addr, strlen(addr), &peer) != 0)
		return 0;
	for (const char *p = list;;) {
		size_t len = strcspn(p, ",");

		if (net_parse(p, len, &net) == 0 && net.family == peer.family &&
		    prefix_eq(net.a, peer.a, net.bits))
			return 1;
		p += len;
		if (*p++ == '\0')
			return 0;
	}
}
