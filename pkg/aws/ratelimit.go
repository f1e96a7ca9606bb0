package aws

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// tokenBucket is a client-side rate limiter: rate tokens per second, at
// most burst saved up. Wait reserves a token (the count may go negative:
// later callers queue behind earlier ones, first come first served) and
// sleeps until it is due. Safe for concurrent use.
type tokenBucket struct {
	mu     sync.Mutex
	rate   float64 // tokens per second, > 0
	burst  float64
	tokens float64
	last   time.Time
	now    func() time.Time
}

func newTokenBucket(rate float64, burst int) *tokenBucket {
	if burst < 1 {
		burst = 1
	}
	b := &tokenBucket{rate: rate, burst: float64(burst), tokens: float64(burst), now: time.Now}
	b.last = b.now()
	return b
}

// reserve takes a token and returns how long the caller must wait for it.
func (b *tokenBucket) reserve() time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()
	now := b.now()
	if elapsed := now.Sub(b.last); elapsed > 0 {
		b.tokens += elapsed.Seconds() * b.rate
		if b.tokens > b.burst {
			b.tokens = b.burst
		}
		b.last = now
	}
	b.tokens--
	if b.tokens >= 0 {
		return 0
	}
	return time.Duration(-b.tokens / b.rate * float64(time.Second))
}

// unreserve gives back a token that a cancelled caller did not use.
func (b *tokenBucket) unreserve() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.tokens++
	if b.tokens > b.burst {
		b.tokens = b.burst
	}
}

// Wait blocks until a token is available. It returns ctx's error, without
// taking a token, when ctx ends first or its deadline comes before the token.
func (b *tokenBucket) Wait(ctx context.Context) error {
	if b == nil {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	d := b.reserve()
	if d <= 0 {
		return nil
	}
	if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < d {
		b.unreserve()
		return fmt.Errorf("rate limit: waiting %v would pass the deadline: %w", d.Round(time.Millisecond), context.DeadlineExceeded)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		b.unreserve()
		return ctx.Err()
	}
}
