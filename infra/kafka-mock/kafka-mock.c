/*
 * A Kafka-protocol broker on loopback for tests: librdkafka's mock cluster (the one librdkafka's
 * own test suite uses), from Debian's librdkafka-dev. See ARCHITECTURE.md, "Backends in tests".
 *
 *   kafka-mock [--brokers N] [--topic NAME:PARTITIONS]...
 *
 * Prints "BOOTSTRAP host:port[,host:port...]" on stdout once it serves, then reads commands, one per
 * line, on stdin and answers each with "OK" or "ERR <why>":
 *   down <broker-id>                 the broker closes its connections and refuses new ones
 *   up <broker-id>                   it serves again
 *   errors <api-key> <count> <code>  the next <count> requests of that API (0 = Produce) fail with <code>
 *   clear <api-key>                  drop queued request errors of that API
 *   topic <name> <partitions>        create a topic
 *   rtt <broker-id> <ms>             delay every response of a broker
 * Runs until stdin closes, SIGTERM or SIGINT.
 *
 * librdkafka 2.0.2's mock reports controller id 0 (no broker), so kafkajs admin calls and the
 * idempotent producer fail against it: create topics here, produce with acks=-1, not idempotent.
 * It does not enforce message.max.bytes; the publisher enforces KAFKA_MAX_MESSAGE_BYTES itself.
 */
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t stop = 0;
static void on_signal(int sig) { (void)sig; stop = 1; }

static void reply(const char *fmt, const char *detail) {
  printf(fmt, detail);
  fflush(stdout);
}

static int create_topic(rd_kafka_mock_cluster_t *mc, const char *name, int partitions) {
  rd_kafka_resp_err_t err = rd_kafka_mock_topic_create(mc, name, partitions, 1);
  if (err) {
    fprintf(stderr, "kafka-mock: cannot create topic %s: %s\n", name, rd_kafka_err2str(err));
    return -1;
  }
  return 0;
}

static void command(rd_kafka_mock_cluster_t *mc, char *line) {
  char verb[32] = "", name[256] = "";
  long a = 0, b = 0, c = 0;
  rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR_NO_ERROR;
  line[strcspn(line, "\r\n")] = 0;
  if (sscanf(line, "%31s", verb) != 1) return;
  if (!strcmp(verb, "down") && sscanf(line, "%*s %ld", &a) == 1) err = rd_kafka_mock_broker_set_down(mc, (int32_t)a);
  else if (!strcmp(verb, "up") && sscanf(line, "%*s %ld", &a) == 1) err = rd_kafka_mock_broker_set_up(mc, (int32_t)a);
  else if (!strcmp(verb, "rtt") && sscanf(line, "%*s %ld %ld", &a, &b) == 2) err = rd_kafka_mock_broker_set_rtt(mc, (int32_t)a, (int)b);
  else if (!strcmp(verb, "errors") && sscanf(line, "%*s %ld %ld %ld", &a, &b, &c) == 3 && b > 0 && b <= 1000) {
    rd_kafka_resp_err_t codes[1000];
    for (long i = 0; i < b; i++) codes[i] = (rd_kafka_resp_err_t)c;
    rd_kafka_mock_push_request_errors_array(mc, (int16_t)a, (size_t)b, codes);
  } else if (!strcmp(verb, "clear") && sscanf(line, "%*s %ld", &a) == 1) rd_kafka_mock_clear_request_errors(mc, (int16_t)a);
  else if (!strcmp(verb, "topic") && sscanf(line, "%*s %255s %ld", name, &a) == 2) {
    if (create_topic(mc, name, (int)a)) { reply("ERR cannot create topic %s\n", name); return; }
  } else { reply("ERR unknown command: %s\n", line); return; }
  if (err) reply("ERR %s\n", rd_kafka_err2str(err));
  else reply("OK\n", "");
}

int main(int argc, char **argv) {
  int brokers = 1;
  char errstr[512];
  for (int i = 1; i < argc; i++)
    if (!strcmp(argv[i], "--brokers") && i + 1 < argc) brokers = atoi(argv[++i]);

  rd_kafka_conf_t *conf = rd_kafka_conf_new();
  if (rd_kafka_conf_set(conf, "log_level", "3", errstr, sizeof errstr) != RD_KAFKA_CONF_OK) {
    fprintf(stderr, "kafka-mock: %s\n", errstr);
    return 1;
  }
  rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
  if (!rk) { fprintf(stderr, "kafka-mock: %s\n", errstr); return 1; }
  rd_kafka_mock_cluster_t *mc = rd_kafka_mock_cluster_new(rk, brokers);
  if (!mc) { fprintf(stderr, "kafka-mock: cannot create the mock cluster\n"); return 1; }

  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--topic") && i + 1 < argc) {
      char *spec = argv[++i], *colon = strrchr(spec, ':');
      int partitions = colon ? atoi(colon + 1) : 1;
      if (colon) *colon = 0;
      if (create_topic(mc, spec, partitions > 0 ? partitions : 1)) return 1;
    }
  }

  signal(SIGTERM, on_signal);
  signal(SIGINT, on_signal);
  signal(SIGPIPE, SIG_IGN);
  printf("BOOTSTRAP %s\n", rd_kafka_mock_cluster_bootstraps(mc));
  fflush(stdout);

  char line[1024];
  size_t used = 0;
  while (!stop) {
    struct pollfd in = { .fd = 0, .events = POLLIN };
    int ready = poll(&in, 1, 200);
    if (ready < 0 && errno != EINTR) break;
    if (ready <= 0) continue;
    ssize_t n = read(0, line + used, sizeof line - 1 - used);
    if (n <= 0) break; /* stdin closed: the parent is gone */
    used += (size_t)n;
    line[used] = 0;
    char *start = line, *nl;
    while ((nl = strchr(start, '\n'))) {
      *nl = 0;
      command(mc, start);
      start = nl + 1;
    }
    used = strlen(start);
    memmove(line, start, used + 1);
    if (used >= sizeof line - 1) used = 0; /* an overlong line: drop it */
  }

  rd_kafka_mock_cluster_destroy(mc);
  rd_kafka_destroy(rk);
  return 0;
}
