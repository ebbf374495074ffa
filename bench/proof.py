"""The registration form's proof of work (ALTCHA): what it costs the server, and a script.

    .venv/bin/python -m bench.proof                  # cost 2000 (EVENTAPP_ALTCHA_COST's default)
    .venv/bin/python -m bench.proof --cost 5000 --solves 20

Prints the server's time to create a challenge (ceiling 1 ms) and to verify a solution (one
PBKDF2 derivation of ``cost`` iterations; ceiling 5 ms, a fraction of a registration POST), and
the CPU a script spends to solve one with Python's hashlib (the floor we want: 0.1 s, every
registration). The browser's own time is printed by tests/browser/test_proof_of_work.py (Web
Crypto, two workers).
"""

from __future__ import annotations

import argparse
import statistics
import time

import altcha

KEY = "bench-key"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cost", type=int, default=2000)
    parser.add_argument("--solves", type=int, default=10)
    args = parser.parse_args()
    expires = int(time.time()) + 1200
    started = time.perf_counter()
    challenges = [
        altcha.create_challenge("PBKDF2/SHA-256", args.cost, hmac_secret=KEY, expires_at=expires)
        for _ in range(200)
    ]
    create_ms = (time.perf_counter() - started) / 200 * 1000
    solve_s, verify_ms = [], []
    for challenge in challenges[: args.solves]:
        cpu = time.process_time()
        solution = altcha.solve_challenge(challenge)
        solve_s.append(time.process_time() - cpu)
        payload = altcha.Payload(challenge, solution).to_base64()
        started = time.perf_counter()
        assert altcha.verify_solution(payload, KEY).verified
        verify_ms.append((time.perf_counter() - started) * 1000)
    print(f"cost {args.cost}, {args.solves} solves")
    print(f"server: create a challenge  {create_ms:8.3f} ms   (ceiling 1 ms)")
    print(f"server: verify a solution   {statistics.median(verify_ms):8.3f} ms   (ceiling 5 ms)")
    print(
        f"script: solve one (CPU)     {statistics.mean(solve_s):8.3f} s mean, "
        f"{min(solve_s):.3f}–{max(solve_s):.3f} s   (floor 0.1 s)"
    )


if __name__ == "__main__":
    main()
