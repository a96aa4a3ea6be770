/*
 * test_buf.c: core/buf.h (a byte buffer with a hard, sticky cap) and
 * core/arena.h (the per-request pool): the cap reached exactly, overflow
 * that stays set, buf_printf past the cap, buf_steal, and arena
 * alignment, big blocks beside small ones, and printf/strndup copies.
 */
#include "unit.h"

#include "core/arena.h"
#include "core/buf.h"

#include <stdalign.h>
#include <stdint.h>

/* ---- buf ----------------------------------------------------------------- */

static void test_buf_exact_cap(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 8);
	assert_true(buf_puts(&b, "abc"));
	assert_true(buf_put(&b, "defgh", 5));
	assert_int_equal(b.len, 8);
	assert_string_equal(b.data, "abcdefgh");
	assert_false(b.overflow);
	/* the buffer never holds more than max + 1 bytes (the NUL) */
	assert_true(b.cap <= 9);
	/* an empty append at the cap still fits */
	assert_true(buf_put(&b, "", 0));
	assert_false(b.overflow);
	buf_free(&b);
	assert_null(b.data);
	assert_int_equal(b.max, 8);
}

static void test_buf_overflow_is_sticky(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 8);
	assert_true(buf_puts(&b, "12345678"));
	assert_false(buf_putc(&b, 'x'));
	assert_true(b.overflow);
	assert_int_equal(b.len, 8);
	assert_string_equal(b.data, "12345678");
	/* once over, even an append that would fit is refused */
	assert_false(buf_put(&b, "", 0));
	assert_false(buf_printf(&b, "%s", ""));
	assert_int_equal(b.len, 8);
	assert_true(b.overflow);
	/* reset clears it */
	buf_reset(&b);
	assert_false(b.overflow);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.data, "");
	assert_true(buf_puts(&b, "ok"));
	assert_string_equal(b.data, "ok");
	buf_free(&b);
}

static void test_buf_overflow_leaves_content(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 10);
	assert_true(buf_puts(&b, "hello"));
	/* 6 bytes do not fit in the 5 left: nothing of them is written */
	assert_false(buf_puts(&b, "world!"));
	assert_int_equal(b.len, 5);
	assert_string_equal(b.data, "hello");
	buf_free(&b);

	/* a first append larger than the cap allocates nothing */
	buf_init(&b, 4);
	assert_false(buf_puts(&b, "12345"));
	assert_true(b.overflow);
	assert_int_equal(b.len, 0);
	assert_null(b.data);
	buf_free(&b);
}

static void test_buf_printf_cap(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 10);
	assert_true(buf_printf(&b, "%d", 12345));
	assert_true(buf_printf(&b, "%05d", 42));
	assert_int_equal(b.len, 10);
	assert_string_equal(b.data, "1234500042");
	assert_false(b.overflow);
	assert_false(buf_printf(&b, "%c", 'x'));
	assert_true(b.overflow);
	assert_string_equal(b.data, "1234500042");
	buf_free(&b);

	buf_init(&b, 10);
	assert_true(buf_printf(&b, "%s", "abcde"));
	assert_false(buf_printf(&b, "%s-%d", "xyz", 10)); /* 6 bytes, 5 left */
	assert_int_equal(b.len, 5);
	assert_string_equal(b.data, "abcde");
	buf_free(&b);
}

static void test_buf_growth(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 1u << 20);
	/* many small appends past the first allocation, then one big printf */
	for (int i = 0; i < 1000; i++)
		assert_true(buf_putc(&b, (char)('a' + i % 26)));
	assert_true(buf_printf(&b, "%0*d", 5000, 7));
	assert_int_equal(b.len, 6000);
	for (int i = 0; i < 1000; i++)
		assert_int_equal(b.data[i], 'a' + i % 26);
	for (int i = 1000; i < 5999; i++)
		assert_int_equal(b.data[i], '0');
	assert_int_equal(b.data[5999], '7');
	assert_int_equal(b.data[6000], '\0');
	buf_free(&b);

	/* binary data with NUL bytes is kept whole */
	buf_init(&b, 16);
	assert_true(buf_put(&b, "a\0b", 3));
	assert_int_equal(b.len, 3);
	assert_memory_equal(b.data, "a\0b", 4);
	buf_free(&b);
}

static void test_buf_cap_not_doubled_past_max(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 300);
	char big[300];
	memset(big, 'z', sizeof(big));
	assert_true(buf_put(&b, big, sizeof(big)));
	assert_int_equal(b.len, 300);
	assert_true(b.cap <= 301);
	assert_int_equal(b.data[300], '\0');
	buf_free(&b);
}

static void test_buf_steal(void **state)
{
	(void)state;
	struct buf b;
	size_t len = 99;
	buf_init(&b, 64);
	buf_puts(&b, "stolen");
	char *s = buf_steal(&b, &len);
	assert_string_equal(s, "stolen");
	assert_int_equal(len, 6);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.max, 64);
	free(s);

	/* an empty buffer gives an empty string the caller frees */
	s = buf_steal(&b, &len);
	assert_non_null(s);
	assert_string_equal(s, "");
	assert_int_equal(len, 0);
	free(s);
	buf_free(&b);
}

/* ---- arena --------------------------------------------------------------- */

static void test_arena_alignment(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	for (size_t n = 0; n < 200; n++) {
		unsigned char *p = arena_alloc(&a, n);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % alignof(max_align_t), 0);
		memset(p, 0xab, n);
	}
	/* big blocks are aligned too */
	for (size_t n = 1025; n < 1100; n += 7) {
		void *p = arena_alloc(&a, n);
		assert_int_equal((uintptr_t)p % alignof(max_align_t), 0);
		memset(p, 0xcd, n);
	}
	arena_free(&a);
}

static void test_arena_zero_size(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	void *p = arena_alloc(&a, 0);
	void *q = arena_alloc(&a, 0);
	assert_non_null(p);
	assert_non_null(q);
	assert_ptr_not_equal(p, q);
	arena_free(&a);
}

static void test_arena_big_beside_small(void **state)
{
	(void)state;
	struct arena a;
	const size_t al = alignof(max_align_t);
	arena_init(&a);
	char *s1 = arena_alloc(&a, 10);
	/* larger than a quarter chunk: a block of its own */
	const size_t bigsize = ARENA_CHUNK / 4 + 1000;
	char *big = arena_alloc(&a, bigsize);
	memset(big, 1, bigsize);
	char *s2 = arena_alloc(&a, 10);
	/* the small allocations still share the first chunk */
	assert_ptr_equal(s2, s1 + al);
	/* a huge block, written end to end (ASan checks its size) */
	char *huge = arena_alloc(&a, 1u << 20);
	memset(huge, 2, 1u << 20);
	assert_int_equal(huge[(1u << 20) - 1], 2);
	assert_int_equal(big[bigsize - 1], 1);
	arena_free(&a);

	/* a big block as the very first allocation */
	arena_init(&a);
	big = arena_alloc(&a, ARENA_CHUNK);
	memset(big, 3, ARENA_CHUNK);
	s1 = arena_alloc(&a, 100);
	memset(s1, 4, 100);
	assert_int_equal(big[ARENA_CHUNK - 1], 3);
	arena_free(&a);
}

static void test_arena_many_small_no_overlap(void **state)
{
	(void)state;
	struct arena a;
	unsigned char *p[1000];
	arena_init(&a);
	/* crosses many 4 KiB chunks; every block keeps its own bytes */
	for (int i = 0; i < 1000; i++) {
		p[i] = arena_alloc(&a, 24 + (size_t)(i % 50));
		memset(p[i], i & 0xff, 24 + (size_t)(i % 50));
	}
	for (int i = 0; i < 1000; i++)
		for (int k = 0; k < 24 + i % 50; k++)
			assert_int_equal(p[i][k], i & 0xff);
	arena_free(&a);
}

static void test_arena_total_and_reuse(void **state)
{
	(void)state;
	struct arena a;
	const size_t al = alignof(max_align_t);
	arena_init(&a);
	assert_int_equal(a.total, 0);
	arena_alloc(&a, 1);
	arena_alloc(&a, al + 1);
	arena_alloc(&a, 2000);
	assert_int_equal(a.total, al + 2 * al + ((2000 + al - 1) / al) * al);
	arena_free(&a);
	assert_null(a.head);
	assert_int_equal(a.total, 0);
	/* usable again after arena_free */
	char *s = arena_strdup(&a, "again");
	assert_string_equal(s, "again");
	arena_free(&a);
}

static void test_arena_strings(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	char *s = arena_strndup(&a, "abcdef", 3);
	assert_string_equal(s, "abc");
	s = arena_strndup(&a, "ab", 0);
	assert_string_equal(s, "");
	s = arena_printf(&a, "%d-%s-%c", 42, "x", 'y');
	assert_string_equal(s, "42-x-y");
	/* a printf result larger than a chunk */
	char long_arg[6001];
	memset(long_arg, 'q', 6000);
	long_arg[6000] = '\0';
	s = arena_printf(&a, "<%s>", long_arg);
	assert_int_equal(strlen(s), 6002);
	assert_int_equal(s[0], '<');
	assert_int_equal(s[6000], 'q');
	assert_int_equal(s[6001], '>');
	arena_free(&a);
}

static void test_arena_zalloc(void **state)
{
	(void)state;
	struct arena a;
	/* dirty a whole chunk and give it back, so that the next chunk
	 * (likely the same memory) starts dirty */
	arena_init(&a);
	for (int i = 0; i < 4; i++)
		memset(arena_alloc(&a, 1024), 0xff, 1024);
	arena_free(&a);

	arena_init(&a);
	unsigned char *d = arena_alloc(&a, 512);
	memset(d, 0xff, 512);
	unsigned char *z = arena_zalloc(&a, 1000);
	for (int i = 0; i < 1000; i++)
		assert_int_equal(z[i], 0);
	unsigned char *bz = arena_zalloc(&a, 3000);
	for (int i = 0; i < 3000; i++)
		assert_int_equal(bz[i], 0);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_exact_cap),
		cmocka_unit_test(test_buf_overflow_is_sticky),
		cmocka_unit_test(test_buf_overflow_leaves_content),
		cmocka_unit_test(test_buf_printf_cap),
		cmocka_unit_test(test_buf_growth),
		cmocka_unit_test(test_buf_cap_not_doubled_past_max),
		cmocka_unit_test(test_buf_steal),
		cmocka_unit_test(test_arena_alignment),
		cmocka_unit_test(test_arena_zero_size),
		cmocka_unit_test(test_arena_big_beside_small),
		cmocka_unit_test(test_arena_many_small_no_overlap),
		cmocka_unit_test(test_arena_total_and_reuse),
		cmocka_unit_test(test_arena_strings),
		cmocka_unit_test(test_arena_zalloc),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
