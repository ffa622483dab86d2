"""The tutorial's numpy code, timed for bench/core.ts (the one copy of it in the benches).

"How to implement a neural network, part 4: vectorization": its functions as written, its
notebook's setup (np.random.seed, make_circles, randn * 0.1 in the notebook's order), and the
training loop body (update_velocity, update_params, cost(nn(X, params), T)) as one iteration.

Usage: python3 bench/numpy_tutorial.py '{"samples": N, "hidden": H, "classes": 2, "seed": 1,
"learningRate": ..., "momentum": 0.9, "minSampleMs": 20, "warmupMs": 300, "clock": "cpu"}'
Warms up and sizes a sample (k iterations, at least minSampleMs), prints
{"iterationsPerSample": k, "numpy": version}, then answers each stdin line (a count) with that
many samples' microseconds per iteration, one JSON array per line. "clock": "cpu" times the
process's CPU time (time.process_time), "wall" the elapsed time (time.perf_counter).
Run it with OPENBLAS_NUM_THREADS=1 (bench/core.ts does).
"""
import json, sys, time
import numpy as np
from sklearn.datasets import make_circles

def logistic(z):
    return 1. / (1. + np.exp(-z))

def softmax(z):
    return np.exp(z) / np.sum(np.exp(z), axis=1, keepdims=True)

def hidden_activations(X, Wh, bh):
    return logistic((X @ Wh) + bh)

def output_activations(H, Wo, bo):
    return softmax((H @ Wo) + bo)

def nn(X, Wh, bh, Wo, bo):
    return output_activations(hidden_activations(X, Wh, bh), Wo, bo)

def cost(Y, T):
    return - np.sum(np.multiply(T, np.log(Y)))

def error_output(Y, T):
    return Y - T

def gradient_weight_out(H, Eo):
    return H.T @ Eo

def gradient_bias_out(Eo):
    return np.sum(Eo, axis=0, keepdims=True)

def error_hidden(H, Wo, Eo):
    return np.multiply(np.multiply(H, (1 - H)), (Eo @ Wo.T))

def gradient_weight_hidden(X, Eh):
    return X.T @ Eh

def gradient_bias_hidden(Eh):
    return np.sum(Eh, axis=0, keepdims=True)

def backprop_gradients(X, T, Wh, bh, Wo, bo):
    H = hidden_activations(X, Wh, bh)
    Y = output_activations(H, Wo, bo)
    Eo = error_output(Y, T)
    JWo = gradient_weight_out(H, Eo)
    Jbo = gradient_bias_out(Eo)
    Eh = error_hidden(H, Wo, Eo)
    JWh = gradient_weight_hidden(X, Eh)
    Jbh = gradient_bias_hidden(Eh)
    return [JWh, Jbh, JWo, Jbo]

def update_velocity(X, T, ls_of_params, Vs, momentum_term, learning_rate):
    Js = backprop_gradients(X, T, *ls_of_params)
    return [momentum_term * V - learning_rate * J for V, J in zip(Vs, Js)]

def update_params(ls_of_params, Vs):
    return [P + V for P, V in zip(ls_of_params, Vs)]

case = json.loads(sys.argv[1])
N, H_units, C = case["samples"], case["hidden"], case["classes"]
np.random.seed(case["seed"])
X, t = make_circles(n_samples=N, shuffle=False, factor=0.3, noise=0.1)
T = np.zeros((N, C))
T[np.arange(N), t] = 1
init_var = 0.1
bh = np.random.randn(1, H_units) * init_var
Wh = np.random.randn(2, H_units) * init_var
bo = np.random.randn(1, C) * init_var
Wo = np.random.randn(H_units, C) * init_var
start_params = [Wh, bh, Wo, bo]
learning_rate, momentum_term = case["learningRate"], case["momentum"]
np.seterr(all="ignore")  # a divergent run restarts below, as ours does

state = {"params": start_params, "Vs": [np.zeros_like(P) for P in start_params]}

def run(k):
    params, Vs = state["params"], state["Vs"]
    for _ in range(k):
        Vs = update_velocity(X, T, params, Vs, momentum_term, learning_rate)
        params = update_params(params, Vs)
        last = cost(nn(X, *params), T)
    if not np.isfinite(last):
        params, Vs = start_params, [np.zeros_like(P) for P in start_params]
    state["params"], state["Vs"] = params, Vs

clock = time.process_time if case.get("clock") == "cpu" else time.perf_counter
min_sample = case["minSampleMs"] / 1000
k = 1
warm_end = clock() + case["warmupMs"] / 1000
while True:
    start = clock()
    run(k)
    elapsed = clock() - start
    if elapsed >= min_sample and clock() >= warm_end:
        break
    if elapsed < min_sample:
        k *= 2

print(json.dumps({"iterationsPerSample": k, "numpy": np.__version__}), flush=True)
for line in sys.stdin:  # one line per request: how many samples to time
    per_iteration = []
    for _ in range(int(line)):
        start = clock()
        run(k)
        per_iteration.append((clock() - start) * 1e6 / k)
    print(json.dumps(per_iteration), flush=True)
