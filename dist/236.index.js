export const id = 236;
export const ids = [236];
export const modules = {

/***/ 4236:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   jwtLogin: () => (/* binding */ jwtLogin)
/* harmony export */ });
/* harmony import */ var _exchange_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7244);
/* harmony import */ var _oidc_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7536);


const JWT = {
    name: 'JWT',
    path: '/api/v1/auth/jwt-auth/login',
    decides: 'keys or JWKS URL, issuer, subject, audiences, claims',
};
/** `jwt` is the input (masked before any input is read); empty takes the GitHub ID token for `audience`. */
async function jwtLogin(conn, identityId, jwt, audience) {
    const token = jwt || (await (0,_oidc_js__WEBPACK_IMPORTED_MODULE_1__/* .githubIdToken */ .e)(audience, 'method jwt without the jwt input'));
    return (0,_exchange_js__WEBPACK_IMPORTED_MODULE_0__/* .identityLogin */ .Yz)(conn, JWT, identityId, token);
}


/***/ })

};
