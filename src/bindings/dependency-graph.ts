import { createPageBudget } from './budget';
import { evaluateTemplate, referencedPaths } from './template';
import type { BindingError, EvaluationOptions, Scope } from './types';
import {
  defineValue,
  hasOwnDataProperty,
  isBlockedName,
  isPlainObject,
  ownDataProperty,
} from './values';

// Which entity property reads which, in what order to evaluate them, and what to re-evaluate when
// one name changes. Generic: an entity is any named thing with template properties (a widget, a
// query); its evaluated properties are visible to others under its name, on top of whatever
// runtime state the caller passes in the base scope (Input1.text as typed, ListMessages.data).

export interface Entity {
  name: string;
  /** Property name to field text, `{{ }}` bindings allowed. */
  properties: Readonly<Record<string, string>>;
}

export interface GraphNode {
  /** `Entity.property` */
  id: string;
  entity: string;
  property: string;
  template: string;
  /** Static paths the template reads, e.g. `Input1.text`. */
  reads: readonly string[];
  /** Ids of the nodes it must be evaluated after. */
  dependsOn: readonly string[];
}

export interface Cycle {
  /** Node ids around the loop, the first repeated at the end. */
  path: readonly string[];
  message: string;
}

export interface DependencyGraph {
  nodes: ReadonlyMap<string, GraphNode>;
  /** Every node id, each after the nodes it depends on. Nodes in a cycle keep their place but are not evaluated. */
  order: readonly string[];
  /** Node id to the ids of the nodes that read it directly. */
  dependents: ReadonlyMap<string, readonly string[]>;
  cycles: readonly Cycle[];
  /** Node id to the cycle it is part of. */
  inCycle: ReadonlyMap<string, Cycle>;
}

export interface GraphState {
  values: ReadonlyMap<string, unknown>;
  errors: ReadonlyMap<string, readonly BindingError[]>;
}

/**
 * Builds the graph. Never throws: a repeated entity name keeps its first definition, and
 * properties that are not strings or that are named like `__proto__` are left out.
 */
export function buildDependencyGraph(entities: readonly Entity[]): DependencyGraph {
  const nodes = new Map<string, GraphNode>();
  const byEntity = new Map<string, string[]>();
  for (const entity of Array.isArray(entities) ? entities : []) {
    if (
      !entity ||
      typeof entity.name !== 'string' ||
      byEntity.has(entity.name) ||
      !isPlainObject(entity.properties)
    )
      continue;
    const ids: string[] = [];
    byEntity.set(entity.name, ids);
    for (const property of Object.keys(entity.properties)) {
      const template = ownDataProperty(entity.properties, property);
      if (typeof template !== 'string' || isBlockedName(property)) continue;
      const id = `${entity.name}.${property}`;
      ids.push(id);
      nodes.set(id, {
        id,
        entity: entity.name,
        property,
        template,
        reads: referencedPaths(template),
        dependsOn: [],
      });
    }
  }
  const dependents = new Map<string, string[]>([...nodes.keys()].map((id) => [id, []]));
  for (const node of nodes.values()) {
    const targets = new Set<string>();
    for (const path of node.reads) {
      const [root, property] = path.split('.');
      const ids = byEntity.get(root!);
      if (!ids) continue;
      // Reading the whole entity (`json(Text1)`) depends on all of its properties.
      if (property === undefined) ids.forEach((id) => targets.add(id));
      else if (nodes.has(`${root}.${property}`)) targets.add(`${root}.${property}`);
    }
    const dependsOn = [...targets];
    nodes.set(node.id, { ...node, dependsOn });
    for (const target of dependsOn) dependents.get(target)!.push(node.id);
  }
  const { order, components } = stronglyConnected(nodes);
  const cycles: Cycle[] = [];
  const inCycle = new Map<string, Cycle>();
  for (const component of components) {
    const first = component[0]!;
    if (component.length === 1 && !nodes.get(first)!.dependsOn.includes(first)) continue;
    const path = cyclePath(first, new Set(component), nodes);
    const cycle: Cycle = { path, message: `Cycle: ${path.join(' -> ')}` };
    cycles.push(cycle);
    component.forEach((id) => inCycle.set(id, cycle));
  }
  return { nodes, order, dependents, cycles, inCycle };
}

/**
 * Tarjan's algorithm, iterative so a long chain of bindings cannot overflow the stack. Components
 * come out dependencies first, which is the evaluation order.
 */
function stronglyConnected(nodes: ReadonlyMap<string, GraphNode>): {
  order: string[];
  components: string[][];
} {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const order: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const start of nodes.keys()) {
    if (index.has(start)) continue;
    const work: { id: string; next: number }[] = [{ id: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const deps = nodes.get(frame.id)!.dependsOn;
      if (frame.next < deps.length) {
        const dep = deps[frame.next++]!;
        if (!index.has(dep)) {
          index.set(dep, counter);
          low.set(dep, counter++);
          stack.push(dep);
          onStack.add(dep);
          work.push({ id: dep, next: 0 });
        } else if (onStack.has(dep))
          low.set(frame.id, Math.min(low.get(frame.id)!, index.get(dep)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) !== index.get(frame.id)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.id);
      component.reverse();
      components.push(component);
      order.push(...component);
    }
  }
  return { order, components };
}

/** A shortest loop from `start` back to itself inside its component, for the error message. */
function cyclePath(
  start: string,
  component: ReadonlySet<string>,
  nodes: ReadonlyMap<string, GraphNode>,
): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    for (const dep of nodes.get(id)!.dependsOn) {
      if (!component.has(dep)) continue;
      if (dep === start) {
        const path = [start];
        for (let at = id; at !== start; at = previous.get(at)!) path.unshift(at);
        path.unshift(start);
        return path; // A -> B means A reads B
      }
      if (!previous.has(dep)) {
        previous.set(dep, id);
        queue.push(dep);
      }
    }
  }
  return [start, start];
}

/** Node ids to re-evaluate, in order, after `changed` ("Input1" or "Input1.text") changed. */
export function affectedNodes(
  graph: DependencyGraph,
  changed: string | readonly string[],
): string[] {
  const names = (
    typeof changed === 'string' ? [changed] : Array.isArray(changed) ? changed : []
  ).filter((name) => typeof name === 'string');
  const overlaps = (path: string, name: string) =>
    path === name || path.startsWith(name + '.') || name.startsWith(path + '.');
  const affected = new Set<string>();
  const queue: string[] = [];
  for (const node of graph.nodes.values()) {
    const seed = names.some(
      (name) =>
        name === node.id ||
        name.startsWith(node.id + '.') ||
        node.reads.some((path) => overlaps(path, name)),
    );
    if (seed) {
      affected.add(node.id);
      queue.push(node.id);
    }
  }
  for (let i = 0; i < queue.length; i++) {
    for (const dependent of graph.dependents.get(queue[i]!) ?? []) {
      if (!affected.has(dependent)) {
        affected.add(dependent);
        queue.push(dependent);
      }
    }
  }
  return graph.order.filter((id) => affected.has(id));
}

/** The scope bindings see: the base scope, with each entity's evaluated properties laid over its runtime state. */
export function buildScope(
  graph: DependencyGraph,
  values: ReadonlyMap<string, unknown>,
  baseScope: Scope = {},
): Record<string, unknown> {
  const scope: Record<string, unknown> = {};
  if (isPlainObject(baseScope)) {
    for (const name of Object.keys(baseScope))
      defineValue(scope, name, ownDataProperty(baseScope, name));
  }
  for (const node of graph.nodes.values()) {
    let target = hasOwnDataProperty(scope, node.entity)
      ? ownDataProperty(scope, node.entity)
      : undefined;
    if (
      !isPlainObject(target) ||
      (isPlainObject(baseScope) && ownDataProperty(baseScope, node.entity) === target)
    ) {
      // Copy rather than write into the caller's objects.
      const copy: Record<string, unknown> = {};
      if (isPlainObject(target))
        for (const key of Object.keys(target)) defineValue(copy, key, ownDataProperty(target, key));
      defineValue(scope, node.entity, copy);
      target = copy;
    }
    if (values.has(node.id)) defineValue(target as object, node.property, values.get(node.id));
  }
  return scope;
}

/** Evaluates every node in order. Nodes in a cycle get the cycle as their error and no value. */
export function evaluateGraph(
  graph: DependencyGraph,
  baseScope: Scope = {},
  options: EvaluationOptions = {},
): GraphState {
  return run(graph, { values: new Map(), errors: new Map() }, graph.order, baseScope, options)
    .state;
}

/**
 * Re-evaluates only what `changed` affects, starting from a previous state; the base scope holds the
 * new runtime values. Returns the new state and the ids it evaluated, in order.
 */
export function reevaluateGraph(
  graph: DependencyGraph,
  previous: GraphState,
  changed: string | readonly string[],
  baseScope: Scope = {},
  options: EvaluationOptions = {},
): GraphState & { evaluated: string[] } {
  const ids = affectedNodes(graph, changed);
  const { state } = run(graph, previous, ids, baseScope, options);
  return { ...state, evaluated: ids };
}

/**
 * One node's value against `scope`, recording its errors in `errors` (or clearing them); a node in a
 * cycle gets the cycle as its error and no value.
 */
export function evaluateNode(
  graph: DependencyGraph,
  id: string,
  scope: Scope,
  errors: Map<string, readonly BindingError[]>,
  options: EvaluationOptions = {},
): unknown {
  const node = graph.nodes.get(id)!;
  const cycle = graph.inCycle.get(id);
  if (cycle) {
    errors.set(id, [
      { kind: 'cycle', message: cycle.message, position: 0, end: node.template.length },
    ]);
    return undefined;
  }
  const result = evaluateTemplate(node.template, scope, options);
  if (result.errors.length > 0) errors.set(id, result.errors);
  else errors.delete(id);
  return result.value;
}

function run(
  graph: DependencyGraph,
  previous: GraphState,
  ids: readonly string[],
  baseScope: Scope,
  options: EvaluationOptions,
) {
  const values = new Map(previous.values);
  const errors = new Map(previous.errors);
  const scope = buildScope(graph, values, baseScope);
  // One evaluation of the graph is one page evaluation: its fields share a work budget.
  const pageOptions = options.page ? options : { ...options, page: createPageBudget() };
  for (const id of ids) {
    const node = graph.nodes.get(id);
    if (!node) continue;
    const value = evaluateNode(graph, id, scope, errors, pageOptions);
    values.set(id, value);
    defineValue(ownDataProperty(scope, node.entity) as object, node.property, value);
  }
  return { state: { values, errors } as GraphState };
}
