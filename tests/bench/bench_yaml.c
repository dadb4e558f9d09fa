/* bench_yaml: the agenda-load baseline: reads a file and scans its YAML events with
 * libyaml, building nothing. Exit status 0 when the file scans, 1 otherwise. */
#include <stdio.h>
#include <yaml.h>

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: bench_yaml FILE\n");
		return 2;
	}
	FILE *in = fopen(argv[1], "rb");
	if (!in) {
		perror(argv[1]);
		return 1;
	}
	yaml_parser_t parser;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, in);
	long events = 0;
	int ok = 1;
	for (;;) {
		yaml_event_t event;
		if (!yaml_parser_parse(&parser, &event)) {
			ok = 0;
			break;
		}
		yaml_event_type_t type = event.type;
		yaml_event_delete(&event);
		events++;
		if (type == YAML_STREAM_END_EVENT)
			break;
	}
	yaml_parser_delete(&parser);
	fclose(in);
	printf("%ld events\n", events);
	return ok ? 0 : 1;
}
