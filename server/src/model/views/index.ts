/** The canonical views rules read instead of raw shapes: ingress rules, parameter-group parameters, users. */
export { ingressView, ingressRules, ingressOf, cachesBehind, portRange, opensTcpPort, type IngressRule, type IngressView } from './ingress';
export { parametersOf, parameterGroupOf, cachesUsingParameters, familyEngineOf, type FamilyEngine, type Parameter, type Parameters } from './parameters';
export { authenticationOf, usersOf, userGroupsOf, cachesUsingUsers, type Authentication, type AuthType, type Member } from './users';
export { everyResource, referrers, CACHE_KINDS, type Item, type Located } from './common';
