/* bench_hello: the cheapest process there is, the start-up baseline: prints one line. */
#include <stdio.h>

int main(void)
{
	puts("hello");
	return 0;
}
